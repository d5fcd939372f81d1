namespace SampleMind.Grains.Abstractions.Webhooks;

/// <summary>One event of a job's delivery log.</summary>
/// <param name="Url">Where it is delivered (as given with the job).</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="NextAttemptAt">When the next attempt is due; null unless pending.</param>
public sealed record WebhookEventStatus(
    string EventId,
    string Type,
    string Url,
    DateTimeOffset CreatedAt,
    WebhookDeliveryState State,
    int Attempts,
    DateTimeOffset? NextAttemptAt);
