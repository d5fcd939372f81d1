using SampleMind.Runtime.Cluster.Storage;

namespace SampleMind.Runtime.Cluster.Placement;

/// <summary>
/// The partitions this silo holds, per ring. A partition is served only while its lease is held, not
/// draining, and its local validity (the renewal's start plus the lease minus a safety margin) has
/// not passed, so serving always stops before the database lease can expire.
/// </summary>
internal sealed class PartitionTable(TimeProvider time, int partitions) : IGrainWriteFence
{
    private readonly HeldLease?[][] _held = [.. Rings.All.Select(_ => new HeldLease?[partitions])];

    public int Partitions { get; } = partitions;

    /// <summary>The lease owner name (this silo's instance); set at join and at each rejoin.</summary>
    public string Instance { get; set; } = "";

    public HeldLease? Get(int ring, int partition) => Volatile.Read(ref _held[ring][partition]);

    /// <summary>The lease held on <paramref name="id"/>'s partition, or null.</summary>
    public HeldLease? Get(GrainId id) => Get(Rings.RingOf(id.Type), Rings.PartitionOf(id.Type, id.Key, Partitions));

    public void Set(int ring, int partition, HeldLease? lease) => Volatile.Write(ref _held[ring][partition], lease);

    public bool TryServe(int ring, int partition) =>
        Get(ring, partition) is { Draining: false } lease && time.GetTimestamp() < lease.ValidUntil;

    public bool TryServe(GrainId id) =>
        TryServe(Rings.RingOf(id.Type), Rings.PartitionOf(id.Type, id.Key, Partitions));

    /// <summary>
    /// The lease of <paramref name="id"/>'s partition, admitted for creating one activation there (see
    /// <see cref="HeldLease.TryAdmit"/>); null when the partition is not served.
    /// </summary>
    public HeldLease? TryAdmit(GrainId id) =>
        Get(id) is { } lease && time.GetTimestamp() < lease.ValidUntil && lease.TryAdmit() ? lease : null;

    /// <summary>Every held (ring, partition, lease).</summary>
    public IEnumerable<(int Ring, int Partition, HeldLease Lease)> Held()
    {
        for (var ring = 0; ring < _held.Length; ring++)
        {
            for (var p = 0; p < Partitions; p++)
            {
                if (Get(ring, p) is { } lease)
                {
                    yield return (ring, p, lease);
                }
            }
        }
    }

    public int Count => Held().Count();

    LeaseToken? IGrainWriteFence.CurrentLease(string grainType, string grainKey)
    {
        var ring = Rings.RingOf(grainType);
        var partition = Rings.PartitionOf(grainType, grainKey, Partitions);
        return Get(ring, partition) is { } lease && time.GetTimestamp() < lease.ValidUntil
            ? new LeaseToken(Rings.All[ring], partition, Instance, lease.Epoch)
            : null;
    }
}
