using System.Collections.Concurrent;

namespace SampleMind.Runtime.Cluster.Placement;

/// <summary>
/// Rings and partitions. A grain type's ring is its <see cref="RolePlacementAttribute"/> role, or
/// "any" (every silo); a grain's partition is the stable hash of "type/key" modulo the partition count.
/// </summary>
internal static class Rings
{
    public const string Any = "any";

    /// <summary>Every ring, by index: "any", then the roles.</summary>
    public static readonly string[] All = [Any, .. Hosting.SiloOptions.AllRoles];

    private static readonly ConcurrentDictionary<string, int> s_ringOfType = new(StringComparer.Ordinal);

    public static int IndexOf(string ring) => Array.IndexOf(All, ring);

    /// <summary>The ring index of a grain type (cached).</summary>
    public static int RingOf(string grainType) => s_ringOfType.GetOrAdd(grainType, static type =>
    {
        var role = GrainTypeRegistry.FindClass(type)?.PlacementRole;
        var index = role is null ? 0 : IndexOf(role);
        return index < 0 ? throw new InvalidOperationException($"Grain type {type} is placed on role '{role}', which is not one of {string.Join(", ", All)}.") : index;
    });

    public static int PartitionOf(string grainType, string grainKey, int partitions) =>
        (int)(StableHash.Of(grainType, grainKey) % (ulong)partitions);

    /// <summary>The rings a silo with <paramref name="roles"/> belongs to.</summary>
    public static IEnumerable<int> RingsOf(IReadOnlyCollection<string> roles)
    {
        yield return 0;
        for (var i = 1; i < All.Length; i++)
        {
            if (roles.Contains(All[i]))
            {
                yield return i;
            }
        }
    }

    /// <summary>
    /// Rendezvous (highest random weight) choice: the member scoring highest for (ring, partition).
    /// A join or leave changes the owner only of partitions the joining or leaving silo wins or held.
    /// Scores use the silo id, not its incarnation, so a restarted silo gets its partitions back.
    /// </summary>
    public static SiloEntry? Owner(IReadOnlyList<SiloEntry> members, int ring, int partition)
    {
        SiloEntry? best = null;
        var bestScore = 0UL;
        var salt = StableHash.Mix(((ulong)ring << 32) | (uint)partition);
        foreach (var member in members)
        {
            var score = StableHash.Mix(member.IdHash ^ salt);
            if (best is null || score > bestScore)
            {
                best = member;
                bestScore = score;
            }
        }

        return best;
    }
}
