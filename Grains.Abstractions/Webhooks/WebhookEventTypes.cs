namespace SampleMind.Grains.Abstractions.Webhooks;

/// <summary>The <c>type</c> of a webhook event.</summary>
public static class WebhookEventTypes
{
    public const string Completed = "job.completed";

    public const string Cancelled = "job.cancelled";

    public const string Paused = "job.paused";

    public const string Resumed = "job.resumed";
}
