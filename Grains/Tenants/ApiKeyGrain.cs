using System.Security.Cryptography;
using System.Text;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;

namespace SampleMind.Grains.Tenants;

/// <summary>One API key: verifies a presented secret's hash in constant time; revocation is final.</summary>
public sealed class ApiKeyGrain(
    [PersistentState("apikey", "Default")] IPersistentState<ApiKeyState> state) : Grain, IApiKeyGrain
{
    public async Task Store(ApiKeyRecord record)
    {
        if (state.State.Record is not null)
        {
            throw new InvalidOperationException($"Key '{record.Key.KeyId}' already exists.");
        }

        state.State.Record = record;
        await state.WriteStateAsync();
    }

    public Task<KeyVerification> Verify(string secretSha256Hex)
    {
        var record = state.State.Record;
        if (record is null)
        {
            return Task.FromResult(KeyVerification.Rejected("The API key is unknown."));
        }

        var matches = CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(secretSha256Hex), Encoding.ASCII.GetBytes(record.SecretSha256Hex));
        if (!matches)
        {
            return Task.FromResult(KeyVerification.Rejected("The API key is unknown."));
        }

        return Task.FromResult(record.Key.RevokedAt is null
            ? new KeyVerification(true, record.Key.TenantId, record.Key.Scopes, null)
            : KeyVerification.Rejected("The API key was revoked."));
    }

    public Task<ApiKeyInfo?> GetInfo() => Task.FromResult(state.State.Record?.Key);

    public async Task Revoke(DateTimeOffset at)
    {
        if (state.State.Record is { Key.RevokedAt: null } record)
        {
            state.State.Record = record with { Key = record.Key with { RevokedAt = at } };
            await state.WriteStateAsync();
        }
    }
}
