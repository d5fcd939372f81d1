using SampleMind.Grains.Abstractions.Webhooks;

namespace SampleMind.Grains.Webhooks;

/// <summary>One queued event: where it goes, the exact body, and how its delivery stands.</summary>
public sealed class WebhookOutboxEntry
{
    public required WebhookEvent Event { get; set; }

    public required string TenantId { get; set; }

    public required string Url { get; set; }

    /// <summary>The JSON body, serialized once so that every attempt sends (and signs) the same bytes.</summary>
    public required string Body { get; set; }

    public WebhookDeliveryState State { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the next attempt is due; null unless pending.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
}
