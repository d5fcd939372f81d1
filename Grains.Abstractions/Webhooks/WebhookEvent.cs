namespace SampleMind.Grains.Abstractions.Webhooks;

/// <summary>
/// One webhook event: exactly the JSON body that is POSTed (camelCase), fixed when the event is
/// created so that every retry sends the same bytes.
/// </summary>
/// <param name="Id">Unique per event (the same on every retry): receivers use it to drop repeats.</param>
/// <param name="Type">One of <see cref="WebhookEventTypes"/>.</param>
/// <param name="CreatedAt">When the event happened.</param>
/// <param name="Data">The job the event is about.</param>
public sealed record WebhookEvent(string Id, string Type, DateTimeOffset CreatedAt, WebhookJobData Data);
