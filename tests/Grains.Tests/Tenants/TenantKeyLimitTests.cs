using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Tenants;
using SampleMind.Runtime;
using SampleMind.Runtime.Hosting;

namespace SampleMind.Grains.Tests.Tenants;

/// <summary>
/// <see cref="TenantLimits.MaxActiveKeys"/> is enforced in the tenant grain's turn: requests issued together at the
/// limit cannot all pass, revoking makes room, and a key at the limit can still be rotated.
/// </summary>
public sealed class TenantKeyLimitTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("samplemind-keylimit-").FullName;
    private IHost? _host;

    public async Task InitializeAsync()
    {
        // Grain classes register from their assembly's module initializer: load SampleMind.Grains first.
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(TenantGrain).Module.ModuleHandle);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSampleMindSilo(o =>
        {
            o.Storage = "sqlite";
            o.DataDirectory = _directory;
        });
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host!.StopAsync();
        if (_host is IAsyncDisposable async)
        {
            await async.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Keys_issued_together_one_below_the_limit_give_exactly_one_key()
    {
        var tenant = _host!.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>("keyring");
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
        Assert.True(await tenant.RevokeKey(keys[1].KeyId));
        Assert.NotNull(await tenant.IssueKey("one-more", ApiScope.Read));
        Assert.Equal(TenantLimits.MaxActiveKeys, (await tenant.ListKeys()).Count(k => k.RevokedAt is null));
    }
}
