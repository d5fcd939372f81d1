namespace SampleMind.Scheduling;

/// <summary>One item to enqueue into a job.</summary>
/// <param name="ItemKey">Unique within the job (e.g. a relative file path); enqueuing a key twice creates one item.</param>
/// <param name="Kind">Selects the handler (e.g. "analyze", "separate").</param>
/// <param name="RequiredRole">The worker role that may claim it (<see cref="WorkRoles"/>).</param>
/// <param name="Payload">Handler input, as JSON text.</param>
/// <param name="Priority">0-9 to override the job's priority for this item; null to inherit it.</param>
public sealed record WorkItemRequest(
    string ItemKey,
    string Kind,
    string RequiredRole,
    string Payload,
    int? Priority = null);
