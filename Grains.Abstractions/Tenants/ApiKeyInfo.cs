namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>An API key's public facts; the secret is never part of it.</summary>
/// <param name="ReplacesKeyId">The key this one replaced by rotation (it takes that key's place), or null.</param>
public sealed record ApiKeyInfo(
    string KeyId,
    string TenantId,
    string Name,
    ApiScope Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    string? ReplacesKeyId = null);
