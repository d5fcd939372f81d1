namespace SampleMind.Scheduling.Processing;

/// <summary>Settings of one <see cref="WorkProcessor"/>.</summary>
public sealed class WorkProcessorOptions
{
    /// <summary>Identifies this worker's leases; stable across a restart lets it release them at start.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Roles this worker claims (default: cpu); <see cref="WorkRoles.Any"/> items are always claimable.</summary>
    public IReadOnlyCollection<string> Roles { get; set; } = [WorkRoles.Cpu];

    /// <summary>Items processed at once (default: processor count).</summary>
    public int Concurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Items claimed ahead of a free slot (default 0): with N, a worker whose slots are all busy already holds up to N
    /// more items, so a slot that frees starts the next item without a claim round trip, and claims come in batches.
    /// A prefetched item that waits a third of its lease is renewed before it starts (skipped if its lease was lost).
    /// </summary>
    public int Prefetch { get; set; }

    /// <summary>Most items asked for per claim (default 16); GPU workers raise it to fill a batch.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>
    /// Longest a finished item waits to be recorded (default 50 ms). A finished item is recorded with the worker's next
    /// claim, in the claim's transaction (one transaction for the items finished since the last claim, not one each);
    /// when no claim comes in this time (all slots busy with long items, nothing to claim), it is recorded on its own.
    /// Its lease is not renewed meanwhile: a worker waits at most a quarter of the lease, whatever this says. Zero
    /// records every item at once, on its own.
    /// </summary>
    public TimeSpan RecordDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Lease asked for per claim and per renewal (default 2 min).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often leases of running items are renewed (default: a third of the lease).</summary>
    public TimeSpan? RenewInterval { get; set; }

    /// <summary>Wait before polling again when the queue had nothing (default 1 s).</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws when a setting cannot work.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(WorkerId);
        ArgumentNullException.ThrowIfNull(Roles);
        ArgumentOutOfRangeException.ThrowIfLessThan(Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(Prefetch);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LeaseDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(IdleDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(RecordDelay, TimeSpan.Zero);

        if (RenewInterval is { } renew && (renew <= TimeSpan.Zero || renew >= LeaseDuration))
        {
            throw new ArgumentOutOfRangeException(nameof(RenewInterval), "RenewInterval must be positive and shorter than the lease.");
        }
    }
}
