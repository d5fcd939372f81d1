using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Grains.Sessions;
using SampleMind.Runtime;
using SampleMind.Runtime.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Sessions;

/// <summary>The dashboard's live-session list on an embedded silo whose clock the test drives.</summary>
public sealed class LiveSessionsGrainTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("samplemind-livesessions-").FullName;
    private IHost? _host;

    private ILiveSessionsGrain Grain => _host!.Services.GetRequiredService<IGrainFactory>().GetGrain<ILiveSessionsGrain>(LiveSessions.ClusterKey);

    public async Task InitializeAsync()
    {
        // Grain classes register from their assembly's module initializer: load SampleMind.Grains first.
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(LiveSessionsGrain).Module.ModuleHandle);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSampleMindSilo(o =>
        {
            o.Storage = "memory";
            o.DataDirectory = _directory;
        });
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host!.StopAsync();
        _host.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Ops_per_second_is_the_revision_rate_between_reports_and_falls_to_zero_when_reports_stop()
    {
        await Grain.Report(new LiveSessionReport("s1", "acme", "drums", 2, 10));
        Assert.Equal(0.0, Assert.Single(await Grain.GetAll()).OpsPerSecond);

        _time.Advance(TimeSpan.FromSeconds(2));
        await Grain.Report(new LiveSessionReport("s1", "acme", "drums", 3, 30));
        var view = Assert.Single(await Grain.GetAll());
        Assert.Equal(10.0, view.OpsPerSecond, 6);
        Assert.Equal(3, view.Report.Participants);
        Assert.Equal(30, view.Report.Revision);

        _time.Advance(LiveSessions.ReportInterval * 3);
        Assert.Equal(0.0, Assert.Single(await Grain.GetAll()).OpsPerSecond);
    }

    [Fact]
    public async Task A_session_everyone_left_or_that_stopped_reporting_drops_out()
    {
        await Grain.Report(new LiveSessionReport("b", "acme", "drums", 1, 0));
        await Grain.Report(new LiveSessionReport("a", "acme", "keys", 4, 7));
        Assert.Equal(["a", "b"], (await Grain.GetAll()).Select(v => v.Report.SessionId));

        await Grain.Report(new LiveSessionReport("b", "acme", "drums", 0, 0));
        Assert.Equal(["a"], (await Grain.GetAll()).Select(v => v.Report.SessionId));

        _time.Advance(LiveSessions.StaleAfter + TimeSpan.FromSeconds(1));
        Assert.Empty(await Grain.GetAll());
    }
}
