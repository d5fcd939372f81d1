using System.Text.Json.Serialization;

namespace SampleMind.Grains.Abstractions.Webhooks;

/// <summary>Source-generated JSON for the webhook contracts: grain calls, and the event body receivers get.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(WebhookEvent))]
[JsonSerializable(typeof(WebhookDeliveryLog))]
[JsonSerializable(typeof(WebhookAttempt))]
[JsonSerializable(typeof(WebhookEventStatus))]
public sealed partial class WebhooksJsonContext : JsonSerializerContext;
