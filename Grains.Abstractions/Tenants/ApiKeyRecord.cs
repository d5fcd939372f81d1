namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>What the key grain persists: the SHA-256 of the secret, never the secret.</summary>
public sealed record ApiKeyRecord(ApiKeyInfo Key, string SecretSha256Hex);
