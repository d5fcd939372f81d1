namespace SampleMind.Runtime.Cluster.Placement;

/// <summary>A partition lease this silo holds: its epoch and the local time until which it may serve.</summary>
internal sealed class HeldLease(long epoch, long validUntil)
{
    public long Epoch { get; } = epoch;

    /// <summary><see cref="TimeProvider.GetTimestamp"/> value after which the partition is not served.</summary>
    public long ValidUntil { get; set; } = validUntil;

    /// <summary>Handing off: no new calls; activations are deactivating before the lease is released.</summary>
    public volatile bool Draining;
}
