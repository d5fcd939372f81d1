namespace SampleMind.Scheduling;

/// <summary>
/// The durable work queue. Items belong to jobs; a claim is a lease; an expired lease is claimed
/// again; completion is recorded once; an item that keeps failing is set aside and the job carries on.
/// </summary>
/// <remarks>
/// <para><b>Lease tokens.</b> Every claim of an item increments the item's lease epoch and hands it to
/// the claimer as <see cref="WorkItem.LeaseToken"/>. Renew and fail need the <i>current</i> epoch on an
/// item that is still leased: a holder whose lease was reclaimed (or released) gets false /
/// <see cref="WorkFailResult.LeaseLost"/> and changes nothing. Complete accepts any epoch that was
/// ever issued for the item (1 ≤ token ≤ current epoch) as long as the item is not finished yet:
/// the first completion wins, whether it comes from the current holder or from an earlier one whose
/// lease expired; every later completion gets false and counts nothing. Finished states (succeeded,
/// failed, cancelled) are final.</para>
/// <para><b>Expiry.</b> A lease that is not renewed before <see cref="WorkItem.LeaseUntil"/> is returned to
/// pending by the next claim (or <see cref="ReclaimExpiredAsync"/>); until then its holder may still
/// renew it. An expiry counts as an attempt: an item whose lease expires on its last attempt is set
/// aside, so an item that kills its worker cannot loop forever.</para>
/// <para><b>Ordering.</b> Round-robin over tenants (least recently served first), whatever the priorities of
/// their work; within a tenant, its highest priority first, and round-robin over the lanes (job, role, priority) of
/// that priority by when each was last served: a large job cannot starve a small one of its tenant's, a tenant with
/// many jobs gets no more turns than a tenant with one, and a tenant that marks its work urgent takes no turns from
/// other tenants.</para>
/// </remarks>
public interface IWorkQueue
{
    /// <summary>Pulsed when this instance made work claimable (enqueue, resume, leases given back): idle workers claim at once.</summary>
    WorkSignal Arrivals { get; }

    /// <summary>Pulsed when this instance recorded an item's outcome (completed, failed, set aside) or cancelled a job.</summary>
    WorkSignal Outcomes { get; }

    /// <summary>Creates the tables and indexes when missing; idempotent and safe to run concurrently.</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken = default);

    /// <summary>Registers a job; returns false (changing nothing) when the id already exists.</summary>
    Task<bool> RegisterJobAsync(WorkJob job, CancellationToken cancellationToken = default);

    /// <summary>Stops claims from an active job; false when the job is unknown or not active.</summary>
    Task<bool> PauseJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Lets a paused job be claimed again; false when the job is unknown or not paused.</summary>
    Task<bool> ResumeJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a job: its pending items become cancelled, in-flight items may still finish; final.
    /// False when the job is unknown or already cancelled.
    /// </summary>
    Task<bool> CancelJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Exact counts of a job, or null when the job is unknown. Reads a handful of rows.</summary>
    Task<WorkJobCounts?> GetJobCountsAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds items to a registered job, idempotent on (job id, item key); returns how many were new.
    /// Items enqueued into a cancelled job are recorded as cancelled.
    /// </summary>
    Task<int> EnqueueAsync(string jobId, IReadOnlyList<WorkItemRequest> items, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds items that fail before any work (refused when listed), set aside at once with <paramref name="error"/> and
    /// never handed to a worker (0 attempts): counted as failed and listed as failures as if a handler had rejected
    /// them. Idempotent on (job id, item key) as <see cref="EnqueueAsync"/>; into a cancelled job they are cancelled.
    /// Returns how many were new.
    /// </summary>
    Task<int> EnqueueSetAsideAsync(
        string jobId, IReadOnlyList<WorkItemRequest> items, string error, CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases up to <paramref name="maxItems"/> items whose required role is one of
    /// <paramref name="roles"/> or <see cref="WorkRoles.Any"/>; expired leases are reclaimed first, by
    /// a claim at most once per min(lease / 4, 1 s) per queue instance (SQL queues).
    /// </summary>
    Task<IReadOnlyList<WorkItem>> ClaimAsync(
        string workerId,
        IReadOnlyCollection<string> roles,
        int maxItems,
        TimeSpan leaseDuration,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Records <paramref name="completions"/> (each as <see cref="CompleteAsync"/> would) and then leases up to
    /// <paramref name="maxItems"/> items (0: none) as <see cref="ClaimAsync"/> would, in one transaction: a worker records
    /// the items it finished since its last claim with its next claim, instead of one transaction per item.
    /// </summary>
    Task<WorkClaim> CompleteAndClaimAsync(
        IReadOnlyList<WorkCompletion> completions,
        string workerId,
        IReadOnlyCollection<string> roles,
        int maxItems,
        TimeSpan leaseDuration,
        CancellationToken cancellationToken = default);

    /// <summary>Extends a lease to now + <paramref name="leaseDuration"/>; false when the lease was lost.</summary>
    Task<bool> RenewAsync(long itemId, long leaseToken, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a completion with its result and tallies (added to the job's tallies in the same
    /// transaction); true only when this call recorded it (first completion wins).
    /// </summary>
    Task<bool> CompleteAsync(
        long itemId,
        long leaseToken,
        string? resultJson,
        IReadOnlyDictionary<string, double>? tallies = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Reports a failure by the current lease holder: retried after a backoff until the last attempt,
    /// then set aside with the error; a non-retryable failure is set aside at once.
    /// </summary>
    Task<WorkFailResult> FailAsync(
        long itemId,
        long leaseToken,
        string error,
        bool retryable,
        CancellationToken cancellationToken = default);

    /// <summary>Completed items of a job with id &gt; <paramref name="afterItemId"/>, by id; page with the last id.</summary>
    Task<IReadOnlyList<WorkResult>> ReadResultsAsync(
        string jobId,
        long afterItemId,
        int limit,
        CancellationToken cancellationToken = default);

    /// <summary>Items of a job that were set aside, by id, with id &gt; <paramref name="afterItemId"/>.</summary>
    Task<IReadOnlyList<WorkFailure>> ReadFailuresAsync(
        string jobId,
        int limit,
        long afterItemId = 0,
        CancellationToken cancellationToken = default);

    /// <summary>The last <paramref name="limit"/> items of a job that were set aside, in listing order from the end (a job works in that order, so these are about the latest).</summary>
    Task<IReadOnlyList<WorkFailure>> ReadLatestFailuresAsync(string jobId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives back every lease a worker holds (graceful shutdown or restart): the items are claimable
    /// at once and the attempt is not counted. Returns how many were released.
    /// </summary>
    Task<int> ReleaseLeasesOfAsync(string workerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes back every lease of a worker that stopped without giving them back (a process restarted under its killed
    /// predecessor's worker id): at once, and as an expired lease is, so the attempt counts and an item on its last attempt
    /// is set aside: an item that kills its worker <see cref="WorkQueueOptions.MaxAttempts"/> times stops crash-looping it.
    /// Returns how many.
    /// </summary>
    Task<int> ReclaimLeasesOfAsync(string workerId, CancellationToken cancellationToken = default);

    /// <summary>Returns expired leases to pending (or sets aside those on their last attempt); returns how many.</summary>
    Task<int> ReclaimExpiredAsync(CancellationToken cancellationToken = default);

    /// <summary>Pending and leased counts and the oldest pending age, per required role.</summary>
    Task<IReadOnlyList<WorkRoleDepth>> GetDepthsAsync(CancellationToken cancellationToken = default);
}
