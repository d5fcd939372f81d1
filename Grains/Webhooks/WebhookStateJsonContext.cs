using System.Text.Json.Serialization;

namespace SampleMind.Grains.Webhooks;

/// <summary>Source-generated JSON for the webhook outbox state.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(WebhookOutboxState))]
public sealed partial class WebhookStateJsonContext : JsonSerializerContext;
