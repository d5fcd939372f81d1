using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Webhooks;

/// <summary>
/// The webhook outbox and delivery log of one ingest job (key: job id). Events are delivered by a
/// durable reminder (a Quartz trigger), retried with exponential backoff, and recorded attempt by attempt.
/// </summary>
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Queues <paramref name="webhookEvent"/> for <paramref name="url"/>, signed with the tenant's secret.
    /// An event whose id is queued already is ignored, so a caller may repeat the call after a crash.
    /// </summary>
    Task Enqueue(string tenantId, string url, WebhookEvent webhookEvent);

    /// <summary>The job's events and every delivery attempt, oldest first.</summary>
    Task<WebhookDeliveryLog> GetLog();
}
