namespace SampleMind.Scheduling.Tests.Infrastructure;

/// <summary>
/// A decorator that counts lease renewals and completions by path (a seam to observe the worker loop), and plays a queue
/// whose database cannot be reached while <see cref="Unreachable"/> is set: claims and outcome writes throw.
/// </summary>
public sealed class RenewCountingQueue(IWorkQueue inner) : IWorkQueue
{
    private int _renewals;
    private int _refused;
    private int _singleCompletions;
    private int _claimedCompletions;

    public int Renewals => Volatile.Read(ref _renewals);

    /// <summary>While true, <see cref="CompleteAndClaimAsync"/>, <see cref="CompleteAsync"/> and <see cref="FailAsync"/> throw.</summary>
    public bool Unreachable { get; set; }

    /// <summary>Renewals the queue answered false (the lease was lost).</summary>
    public int RefusedRenewals => Volatile.Read(ref _refused);

    /// <summary>Completions recorded through <see cref="CompleteAsync"/>, one transaction each.</summary>
    public int SingleCompletions => Volatile.Read(ref _singleCompletions);

    /// <summary>Completions handed to <see cref="CompleteAndClaimAsync"/>.</summary>
    public int ClaimedCompletions => Volatile.Read(ref _claimedCompletions);

    public WorkSignal Arrivals => inner.Arrivals;

    public WorkSignal Outcomes => inner.Outcomes;

    public async Task<bool> RenewAsync(long itemId, long leaseToken, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        var renewed = await inner.RenewAsync(itemId, leaseToken, leaseDuration, cancellationToken);
        if (!renewed)
        {
            Interlocked.Increment(ref _refused);
        }

        Interlocked.Increment(ref _renewals);
        return renewed;
    }

    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) => inner.EnsureSchemaAsync(cancellationToken);

    public Task<bool> RegisterJobAsync(WorkJob job, CancellationToken cancellationToken = default) =>
        inner.RegisterJobAsync(job, cancellationToken);

    public Task<bool> PauseJobAsync(string jobId, CancellationToken cancellationToken = default) => inner.PauseJobAsync(jobId, cancellationToken);

    public Task<bool> ResumeJobAsync(string jobId, CancellationToken cancellationToken = default) => inner.ResumeJobAsync(jobId, cancellationToken);

    public Task<bool> CancelJobAsync(string jobId, CancellationToken cancellationToken = default) => inner.CancelJobAsync(jobId, cancellationToken);

    public Task<WorkJobCounts?> GetJobCountsAsync(string jobId, CancellationToken cancellationToken = default) =>
        inner.GetJobCountsAsync(jobId, cancellationToken);

    public Task<int> EnqueueAsync(string jobId, IReadOnlyList<WorkItemRequest> items, CancellationToken cancellationToken = default) =>
        inner.EnqueueAsync(jobId, items, cancellationToken);

    public Task<int> EnqueueSetAsideAsync(
        string jobId, IReadOnlyList<WorkItemRequest> items, string error, CancellationToken cancellationToken = default) =>
        inner.EnqueueSetAsideAsync(jobId, items, error, cancellationToken);

    public Task<IReadOnlyList<WorkItem>> ClaimAsync(
        string workerId, IReadOnlyCollection<string> roles, int maxItems, TimeSpan leaseDuration, CancellationToken cancellationToken = default) =>
        inner.ClaimAsync(workerId, roles, maxItems, leaseDuration, cancellationToken);

    public Task<WorkClaim> CompleteAndClaimAsync(
        IReadOnlyList<WorkCompletion> completions, string workerId, IReadOnlyCollection<string> roles, int maxItems, TimeSpan leaseDuration,
        CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        Interlocked.Add(ref _claimedCompletions, completions.Count);
        return inner.CompleteAndClaimAsync(completions, workerId, roles, maxItems, leaseDuration, cancellationToken);
    }

    public Task<bool> CompleteAsync(
        long itemId, long leaseToken, string? resultJson, IReadOnlyDictionary<string, double>? tallies = null, CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        Interlocked.Increment(ref _singleCompletions);
        return inner.CompleteAsync(itemId, leaseToken, resultJson, tallies, cancellationToken);
    }

    public Task<WorkFailResult> FailAsync(long itemId, long leaseToken, string error, bool retryable, CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        return inner.FailAsync(itemId, leaseToken, error, retryable, cancellationToken);
    }

    public Task<IReadOnlyList<WorkResult>> ReadResultsAsync(string jobId, long afterItemId, int limit, CancellationToken cancellationToken = default) =>
        inner.ReadResultsAsync(jobId, afterItemId, limit, cancellationToken);

    public Task<IReadOnlyList<WorkFailure>> ReadFailuresAsync(string jobId, int limit, long afterItemId = 0, CancellationToken cancellationToken = default) =>
        inner.ReadFailuresAsync(jobId, limit, afterItemId, cancellationToken);

    public Task<IReadOnlyList<WorkFailure>> ReadLatestFailuresAsync(string jobId, int limit, CancellationToken cancellationToken = default) =>
        inner.ReadLatestFailuresAsync(jobId, limit, cancellationToken);

    public Task<int> ReleaseLeasesOfAsync(string workerId, CancellationToken cancellationToken = default) =>
        inner.ReleaseLeasesOfAsync(workerId, cancellationToken);

    public Task<int> ReclaimLeasesOfAsync(string workerId, CancellationToken cancellationToken = default) =>
        inner.ReclaimLeasesOfAsync(workerId, cancellationToken);

    public Task<int> ReclaimExpiredAsync(CancellationToken cancellationToken = default) => inner.ReclaimExpiredAsync(cancellationToken);

    public Task<IReadOnlyList<WorkRoleDepth>> GetDepthsAsync(CancellationToken cancellationToken = default) =>
        inner.GetDepthsAsync(cancellationToken);

    private void ThrowIfUnreachable()
    {
        if (Unreachable)
        {
            throw new IOException("Failed to connect to the queue's database (test outage).");
        }
    }
}
