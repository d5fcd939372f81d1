using System.Globalization;
using SampleMind.Runtime.Diagnostics;
using SampleMind.Runtime.Hosting;

namespace SampleMind.Runtime.Cluster;

/// <summary>
/// Cluster mode: this silo as the runtime sees it, <see cref="SiloStatus.Joining"/> until it joined
/// and took its first leases and <see cref="SiloStatus.Draining"/> while it hands partitions off; and
/// after it (first: callers read <c>silos[0]</c> as the local silo) every other live silo from the
/// membership table as of the last tick, by id (activation counts are known only for this silo).
/// </summary>
internal sealed class ClusterSiloDiagnostics(SiloRuntime runtime, ClusterSilo cluster) : IClusterDiagnostics
{
    public SiloSnapshot GetLocalSilo()
    {
        var status = runtime.Status switch
        {
            SiloStatus.Created or SiloStatus.Running when !cluster.HasJoined => SiloStatus.Joining,
            SiloStatus.Running when cluster.IsLeaving => SiloStatus.Draining,
            var s => s,
        };
        return new SiloSnapshot(runtime.Options.SiloId, runtime.Options.EffectiveRoles, runtime.StartedAt, status,
            runtime.Catalog.Count, runtime.Metrics.ActivationCounts());
    }

    public string? GetUnavailableReason() =>
        cluster.HasJoined && !cluster.IsLeaving && !cluster.ReachesDatabase
            ? $"The silo cannot reach the cluster database: no heartbeat or lease renewal succeeded just now (lease {cluster.Options.LeaseDuration:c})."
            : null;

    public IReadOnlyList<SiloSnapshot> GetSilos()
    {
        var local = GetLocalSilo();
        var others = new List<SiloSnapshot>();
        foreach (var member in cluster.Routes.AllMembers)
        {
            if (member.SiloId != local.SiloId)
            {
                others.Add(new SiloSnapshot(member.SiloId, member.Roles, JoinedAt(member.Instance), SiloStatus.Running, 0,
                    new Dictionary<string, int>()));
            }
        }

        others.Sort((a, b) => string.CompareOrdinal(a.SiloId, b.SiloId));
        return [local, .. others];
    }

    public ValueTask<ClusterFigures> GetFiguresAsync(CancellationToken cancellationToken) =>
        new(cluster.Figures.ReadAsync().WaitAsync(cancellationToken));

    /// <summary>An instance is "siloId@incarnation", the incarnation being the join time in Unix milliseconds.</summary>
    private static DateTimeOffset? JoinedAt(string instance)
    {
        var at = instance.LastIndexOf('@');
        return at >= 0 && long.TryParse(instance.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
    }
}
