namespace SampleMind.Grains.Abstractions.Webhooks;

/// <summary>One delivery attempt of one event.</summary>
/// <param name="At">When the request was sent.</param>
/// <param name="Number">1 for the first attempt of this event.</param>
/// <param name="StatusCode">The receiver's HTTP status; null when no answer came (timeout, refused, DNS, ...).</param>
/// <param name="Error">Why the attempt failed (null when it succeeded).</param>
/// <param name="DurationMs">From sending to the answer's headers (or the failure), in milliseconds.</param>
/// <param name="NextRetryAt">When the next attempt is due; null when delivered or given up.</param>
public sealed record WebhookAttempt(
    string EventId,
    string EventType,
    int Number,
    DateTimeOffset At,
    int? StatusCode,
    string? Error,
    double DurationMs,
    DateTimeOffset? NextRetryAt);
