using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Tenants;
using SampleMind.Runtime;
using SampleMind.Runtime.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Tenants;

/// <summary>
/// <see cref="ITenantGrain.Reserve"/> on an embedded silo with SQLite grain state and a clock the test drives:
/// partial grants, idempotence on the key (also across a restart), periods and the bound on remembered keys.
/// </summary>
public sealed class TenantQuotaReservationTests : IAsyncLifetime
{
    private static readonly int s_freeFiles = TenantPlan.Free.MonthlyIngestedFiles!.Value;
    private readonly ManualTimeProvider _time = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("samplemind-quota-").FullName;
    private IHost? _host;

    public async Task InitializeAsync()
    {
        // Grain classes register from their assembly's module initializer: load SampleMind.Grains first.
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(TenantGrain).Module.ModuleHandle);
        await StartHostAsync();
    }

    public async Task DisposeAsync()
    {
        await StopHostAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Reserve_grants_what_the_plan_has_left_and_nothing_once_it_is_used_up()
    {
        var tenant = await CreateTenantAsync("free");

        var most = await tenant.Reserve(UsageMeter.IngestedFiles, s_freeFiles - 2, "batch-1");
        var rest = await tenant.Reserve(UsageMeter.IngestedFiles, 5, "batch-2");
        var none = await tenant.Reserve(UsageMeter.IngestedFiles, 3, "batch-3");

        Assert.Equal(new QuotaGrant(UsageMeter.IngestedFiles, s_freeFiles - 2, s_freeFiles - 2, s_freeFiles - 2, s_freeFiles, "2026-01"), most);
        Assert.Equal(new QuotaGrant(UsageMeter.IngestedFiles, 5, 2, s_freeFiles, s_freeFiles, "2026-01"), rest);
        Assert.Equal(3, rest.Refused);
        Assert.Equal(0, none.Granted);
        Assert.Equal(s_freeFiles, (await tenant.GetUsage()).Used[UsageMeter.IngestedFiles]);
    }

    [Fact]
    public async Task An_unlimited_meter_grants_everything_and_still_counts_it()
    {
        var tenant = await CreateTenantAsync("studio");

        var grant = await tenant.Reserve(UsageMeter.IngestedFiles, 2_000_000, "big");

        Assert.Equal(2_000_000, grant.Granted);
        Assert.Null(grant.Limit);
        Assert.Equal(2_000_000, (await tenant.GetUsage()).Used[UsageMeter.IngestedFiles]);
    }

    [Fact]
    public async Task Reserve_with_a_repeated_key_returns_the_same_grant_and_counts_once_also_after_a_restart()
    {
        var tenant = await CreateTenantAsync("free");
        await tenant.Reserve(UsageMeter.IngestedFiles, s_freeFiles - 4, "earlier");

        var first = await tenant.Reserve(UsageMeter.IngestedFiles, 10, "job-1/batch-at-0");
        var again = await tenant.Reserve(UsageMeter.IngestedFiles, 10, "job-1/batch-at-0");
        await StopHostAsync();
        await StartHostAsync();
        var afterRestart = await Tenant().Reserve(UsageMeter.IngestedFiles, 12, "job-1/batch-at-0");

        Assert.Equal(4, first.Granted);
        Assert.Equal(first, again);
        Assert.Equal(first, afterRestart);
        Assert.Equal(s_freeFiles, (await Tenant().GetUsage()).Used[UsageMeter.IngestedFiles]);
    }

    [Fact]
    public async Task A_new_month_grants_afresh_while_a_remembered_key_keeps_its_old_grant()
    {
        var tenant = await CreateTenantAsync("free");
        var january = await tenant.Reserve(UsageMeter.IngestedFiles, s_freeFiles, "january");

        _time.Advance(TimeSpan.FromDays(31));
        var february = await tenant.Reserve(UsageMeter.IngestedFiles, 5, "february");
        var januaryAgain = await tenant.Reserve(UsageMeter.IngestedFiles, s_freeFiles, "january");

        Assert.Equal(("2026-02", 5, 5L), (february.Period, february.Granted, february.Used));
        Assert.Equal(january, januaryAgain);
        var usage = await tenant.GetUsage();
        Assert.Equal("2026-02", usage.Period);
        Assert.Equal(5, usage.Used[UsageMeter.IngestedFiles]);
    }

    [Fact]
    public async Task Only_the_most_recent_keys_are_remembered()
    {
        var tenant = await CreateTenantAsync("studio");
        await tenant.Reserve(UsageMeter.IngestedFiles, 1, "oldest");
        await tenant.Reserve(UsageMeter.IngestedFiles, 1, "second");
        for (var i = 0; i < TenantGrain.RememberedReservations - 1; i++)
        {
            await tenant.Reserve(UsageMeter.IngestedFiles, 1, $"batch-{i}");
        }

        await tenant.Reserve(UsageMeter.IngestedFiles, 1, "second");
        var countedBefore = (await tenant.GetUsage()).Used[UsageMeter.IngestedFiles];
        await tenant.Reserve(UsageMeter.IngestedFiles, 1, "oldest");

        Assert.Equal(TenantGrain.RememberedReservations + 1, countedBefore);
        Assert.Equal(countedBefore + 1, (await tenant.GetUsage()).Used[UsageMeter.IngestedFiles]);
    }

    [Fact]
    public async Task A_bad_reservation_is_refused_and_counts_nothing()
    {
        var tenant = await CreateTenantAsync("free");
        await tenant.Reserve(UsageMeter.IngestedFiles, 1, "files");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => tenant.Reserve(UsageMeter.IngestedFiles, 0, "empty"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => tenant.Reserve(UsageMeter.IngestedFiles, 1, ""));
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            tenant.Reserve(UsageMeter.IngestedFiles, 1, new string('k', TenantGrain.MaxReservationKeyLength + 1)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => tenant.Reserve(UsageMeter.Variations, 1, "files"));

        var usage = await tenant.GetUsage();
        Assert.Equal(1, usage.Used[UsageMeter.IngestedFiles]);
        Assert.False(usage.Used.ContainsKey(UsageMeter.Variations));
    }

    private ITenantGrain Tenant() => _host!.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>("acme");

    private async Task<ITenantGrain> CreateTenantAsync(string plan)
    {
        var tenant = Tenant();
        await tenant.Create("Acme", plan);
        return tenant;
    }

    private async Task StartHostAsync()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSampleMindSilo(o =>
        {
            o.Storage = "sqlite";
            o.DataDirectory = _directory;
        });
        _host = builder.Build();
        await _host.StartAsync();
    }

    private async Task StopHostAsync()
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
}
