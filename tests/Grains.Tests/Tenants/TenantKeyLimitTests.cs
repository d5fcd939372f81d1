using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Tests.Storage;
using SampleMind.Runtime.Storage;

namespace SampleMind.Grains.Tests.Tenants;

/// <summary>
/// <see cref="TenantLimits.MaxActiveKeys"/> is enforced in the tenant grain's turn: requests issued together at the
/// limit cannot all pass, revoking makes room, and a key at the limit can still be rotated.
/// </summary>
public sealed class TenantKeyLimitTests : IAsyncLifetime
{
    private EmbeddedSilo? _silo;

    public async Task InitializeAsync() => _silo = await EmbeddedSilo.StartAsync(new MemoryGrainStorage());

    public async Task DisposeAsync() => await _silo!.DisposeAsync();

    [Fact]
    public async Task Keys_issued_together_one_below_the_limit_give_exactly_one_key()
    {
        var tenant = _silo!.Grains.GetGrain<ITenantGrain>("keyring");
        await tenant.Create("Keyring", "pro");
        for (var i = 0; i < TenantLimits.MaxActiveKeys - 1; i++)
        {
            Assert.NotNull(await tenant.IssueKey($"ci-{i}", ApiScope.Read));
        }

        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => tenant.IssueKey($"racer-{i}", ApiScope.Read)));

        Assert.Single(racing, issued => issued is not null);
        var keys = await tenant.ListKeys();
        Assert.Equal(TenantLimits.MaxActiveKeys, keys.Count(k => k.RevokedAt is null));

        // At the limit a key can be rotated (its replacement takes its place); a new one waits for a revocation.
        var rotated = await tenant.RotateKey(keys[0].KeyId);
        Assert.NotNull(rotated);
        Assert.Null(await tenant.IssueKey("one-more", ApiScope.Read));
        Assert.Equal(KeyRevocation.Revoked, await tenant.RevokeKey(keys[1].KeyId, keepAnAdminKey: false));
        Assert.NotNull(await tenant.IssueKey("one-more", ApiScope.Read));
        Assert.Equal(TenantLimits.MaxActiveKeys, (await tenant.ListKeys()).Count(k => k.RevokedAt is null));
    }
}
