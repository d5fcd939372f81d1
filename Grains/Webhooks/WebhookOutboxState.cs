using SampleMind.Grains.Abstractions.Webhooks;

namespace SampleMind.Grains.Webhooks;

/// <summary>A job's persisted webhook outbox and delivery log, oldest first.</summary>
public sealed class WebhookOutboxState
{
    public List<WebhookOutboxEntry> Events { get; set; } = [];

    public List<WebhookAttempt> Attempts { get; set; } = [];
}
