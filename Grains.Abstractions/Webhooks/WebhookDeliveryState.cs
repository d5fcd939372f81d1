namespace SampleMind.Grains.Abstractions.Webhooks;

/// <summary>Where an event's delivery stands.</summary>
public enum WebhookDeliveryState
{
    /// <summary>Not delivered yet; an attempt is due at the event's next attempt time.</summary>
    Pending,

    /// <summary>The receiver answered 2xx; the event is never sent again.</summary>
    Delivered,

    /// <summary>Every attempt failed (or the URL is no longer allowed); not retried.</summary>
    GaveUp,
}
