namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>An API key's public facts; the secret is never part of it.</summary>
public sealed record ApiKeyInfo(
    string KeyId,
    string TenantId,
    string Name,
    ApiScope Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);
