using SampleMind.Runtime.Activation;

namespace SampleMind.Runtime.Cluster.Placement;

/// <summary>A partition lease this silo holds: its epoch and the local time until which it may serve.</summary>
internal sealed class HeldLease(long epoch, long validUntil) : IActivationAdmission
{
    /// <summary>Activations of the partition being created right now (admitted by <see cref="TryAdmit"/>, not yet ended).</summary>
    private int _admitted;

    public long Epoch { get; } = epoch;

    /// <summary><see cref="TimeProvider.GetTimestamp"/> value after which the partition is not served.</summary>
    public long ValidUntil { get; set; } = validUntil;

    /// <summary>Handing off (or lost): no new calls, no new activations; activations are deactivating.</summary>
    public volatile bool Draining;

    /// <summary>
    /// Lets the creation of one activation in: false once the partition is draining. The caller ends it
    /// (<see cref="IActivationAdmission.End"/>) once the activation is in the catalog.
    /// </summary>
    public bool TryAdmit()
    {
        // The increment is a full fence before the read of Draining; StopAdmittingAsync writes Draining, fences, then
        // reads the count: at least one of the two sees the other's write.
        Interlocked.Increment(ref _admitted);
        if (Draining)
        {
            Interlocked.Decrement(ref _admitted);
            return false;
        }

        return true;
    }

    void IActivationAdmission.End() => Interlocked.Decrement(ref _admitted);

    /// <summary>
    /// Stops admitting creations and waits for those already admitted (a few instructions each: the catalog adds the
    /// activation and ends the admission), so an enumeration of the partition's activations afterwards misses none.
    /// </summary>
    public async Task StopAdmittingAsync()
    {
        Draining = true;
        Interlocked.MemoryBarrier();
        while (Volatile.Read(ref _admitted) > 0)
        {
            await Task.Yield();
        }
    }
}
