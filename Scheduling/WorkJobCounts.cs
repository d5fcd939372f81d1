namespace SampleMind.Scheduling;

/// <summary>
/// Exact counts of a job's items, maintained in the same transactions as the state changes.
/// Invariant: <c>Enqueued = Pending + Leased + Succeeded + Failed + Cancelled</c>.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="TenantId">Its tenant.</param>
/// <param name="Status">Active, paused or cancelled.</param>
/// <param name="Enqueued">Distinct items ever enqueued.</param>
/// <param name="Pending">Waiting to be claimed (including those waiting out a retry backoff).</param>
/// <param name="Leased">In flight.</param>
/// <param name="Succeeded">Completed.</param>
/// <param name="Failed">Set aside after their last attempt or a non-retryable failure.</param>
/// <param name="Cancelled">Cancelled before being claimed.</param>
/// <param name="Tallies">User-defined sums reported at completion (e.g. "duplicates", "audio_seconds").</param>
public sealed record WorkJobCounts(
    string JobId,
    string TenantId,
    WorkJobStatus Status,
    long Enqueued,
    long Pending,
    long Leased,
    long Succeeded,
    long Failed,
    long Cancelled,
    IReadOnlyDictionary<string, double> Tallies)
{
    /// <summary>True when nothing is pending or in flight.</summary>
    public bool IsFinished => Pending == 0 && Leased == 0;
}
