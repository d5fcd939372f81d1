using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Tenants;
using SampleMind.Runtime;
using SampleMind.Runtime.Hosting;
using SampleMind.Grains.Tests.Storage;
using SampleMind.Runtime.Storage;

namespace SampleMind.Grains.Tests.Tenants;

/// <summary>
/// A tenant grain whose state write fails (storage refuses it once): the activation does not go on with what was not
/// stored (a quota use counted, a reservation remembered, a key listed); a retry starts from the stored state.
/// </summary>
public sealed class TenantWriteFailureTests : IAsyncLifetime
{
    private readonly FaultyGrainStorage _storage = new();
    private IHost? _host;

    public async Task InitializeAsync()
    {
        // Grain classes register from their assembly's module initializer: load SampleMind.Grains first.
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(TenantGrain).Module.ModuleHandle);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IGrainStorage>(_storage);
        builder.Services.AddSampleMindSilo(o => o.Storage = "memory");
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
    }

    [Fact]
    public async Task A_use_reservation_or_key_whose_write_failed_is_not_counted_remembered_or_listed()
    {
        var tenant = _host!.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>("acme");
        await tenant.Create("Acme", "free");

        _storage.FailNextWrite("tenant", new IOException("disk full (test)"));
        await Assert.ThrowsAsync<IOException>(() => tenant.TryConsume(UsageMeter.IngestedFiles, 5));
        Assert.False((await tenant.GetUsage()).Used.ContainsKey(UsageMeter.IngestedFiles));

        // A reservation whose write failed is not remembered: asking again with its key grants and stores it, once.
        _storage.FailNextWrite("tenant", new IOException("disk full (test)"));
        await Assert.ThrowsAsync<IOException>(() => tenant.Reserve(UsageMeter.IngestedFiles, 3, "batch-1"));
        Assert.Equal(3, (await tenant.Reserve(UsageMeter.IngestedFiles, 3, "batch-1")).Granted);
        Assert.Equal(3, (await tenant.Reserve(UsageMeter.IngestedFiles, 3, "batch-1")).Granted);
        Assert.Equal(3, (await tenant.GetUsage()).Used[UsageMeter.IngestedFiles]);

        _storage.FailNextWrite("tenant", new IOException("disk full (test)"));
        await Assert.ThrowsAsync<IOException>(() => tenant.IssueKey("ci", ApiScope.Read));
        Assert.Empty(await tenant.ListKeys());
        Assert.Equal(3, _storage.Failed);
    }
}
