using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>One API key, addressed by its public key id, so a request is verified in one call.</summary>
public interface IApiKeyGrain : IGrainWithStringKey
{
    Task Store(ApiKeyRecord record);

    /// <summary>Checks the SHA-256 of the presented secret against the stored one.</summary>
    Task<KeyVerification> Verify(string secretSha256Hex);

    Task Revoke(DateTimeOffset at);

    /// <summary>The key's public facts, or null for an unknown key.</summary>
    Task<ApiKeyInfo?> GetInfo();
}
