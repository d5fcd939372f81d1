namespace SampleMind.Api.Endpoints;

/// <summary>A tenant's webhook signing secret: the HMAC-SHA256 key is the UTF-8 bytes of <paramref name="Secret"/>.</summary>
public sealed record WebhookSecretResponse(string TenantId, string Secret);
