namespace SampleMind.Grains.Abstractions.Webhooks;

/// <summary>A job's webhook events and their delivery attempts, oldest first.</summary>
public sealed record WebhookDeliveryLog(string JobId, IReadOnlyList<WebhookEventStatus> Events, IReadOnlyList<WebhookAttempt> Attempts);
