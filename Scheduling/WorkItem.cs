namespace SampleMind.Scheduling;

/// <summary>A leased work item, as returned by <see cref="IWorkQueue.ClaimAsync"/>.</summary>
/// <param name="Id">The item's id (unique in the queue, increasing with enqueue order).</param>
/// <param name="JobId">The job it belongs to.</param>
/// <param name="TenantId">The job's tenant.</param>
/// <param name="Kind">Selects the handler.</param>
/// <param name="ItemKey">The key given at enqueue.</param>
/// <param name="RequiredRole">The role it required.</param>
/// <param name="Payload">Handler input (JSON text).</param>
/// <param name="Priority">Its effective priority.</param>
/// <param name="Attempt">1 for the first claim, +1 for every later claim (retry or expired lease).</param>
/// <param name="LeaseToken">The lease epoch: pass it to renew, complete and fail.</param>
/// <param name="LeaseUntil">When the lease expires unless renewed.</param>
/// <param name="TraceParent">The enqueuer's trace context (W3C traceparent), or null when it was not traced.</param>
public sealed record WorkItem(
    long Id,
    string JobId,
    string TenantId,
    string Kind,
    string ItemKey,
    string RequiredRole,
    string Payload,
    int Priority,
    int Attempt,
    long LeaseToken,
    DateTimeOffset LeaseUntil,
    string? TraceParent = null);
