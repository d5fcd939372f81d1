using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SampleMind.Audio;
using SampleMind.Audio.Errors;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Hosting;
using SampleMind.Runtime;
using SampleMind.Runtime.Diagnostics;

namespace SampleMind.Silo.Tests;

/// <summary>The silo host's composition (what Silo/Program.cs builds) starts, serves grains and stops.</summary>
public sealed class SiloCompositionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("silo-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_cpu_silo_starts_serves_grains_keeps_their_state_across_a_restart_and_stops()
    {
        await using (var first = await StartAsync())
        {
            var tenant = first.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>("acme");
            await tenant.Create("Acme", "pro");
            var local = first.Services.GetRequiredService<IClusterDiagnostics>().GetLocalSilo();
            Assert.Equal(SiloStatus.Running, local.Status);
            Assert.Equal(["cpu"], local.Roles);
            await first.StopAsync();
        }

        await using var second = await StartAsync();
        var again = await second.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>("acme").GetInfo();
        Assert.Equal("pro", again?.Plan);
        await second.StopAsync();
    }

    [Fact]
    public async Task Audio_settings_reach_the_analyzer_and_a_misspelt_one_stops_the_start_named()
    {
        await using (var host = await StartAsync(new() { ["AudioAnalyzerOptions:MaxDuration"] = "00:00:02", ["AudioAnalyzerOptions:UseFfmpegFallback"] = "false" }))
        {
            var analyzer = host.Services.GetRequiredService<AudioAnalyzer>();
            var tooLong = Path.Combine(_dir, "long.wav");
            AudioEncoder.WriteWav(tooLong, new float[44100 * 3], 44100, 1);
            Assert.Throws<AudioTooLongException>(() => analyzer.AnalyzeFile(tooLong, AnalysisLevel.Fast));
            var options = host.Services.GetRequiredService<IOptions<AudioAnalyzerOptions>>().Value;
            Assert.False(options.UseFfmpegFallback);
            await host.StopAsync();
        }

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { ["AudioAnalyzerOptions:MaxDurationSeconds"] = "2" }));
        Assert.Contains("AudioAnalyzerOptions:MaxDurationSeconds is not a setting; AudioAnalyzerOptions takes", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDuration,", error.Message, StringComparison.Ordinal);
    }

    private async Task<HostHandle> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:DataDirectory"] = Path.Combine(_dir, "data"),
            ["Silo:Roles:0"] = "cpu",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddSampleMindGrains(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new HostHandle(host);
    }

    /// <summary>An IHost that disposes asynchronously (its services include async-only disposables).</summary>
    private sealed class HostHandle(IHost host) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public Task StopAsync() => host.StopAsync();

        public ValueTask DisposeAsync() => host is IAsyncDisposable async ? async.DisposeAsync() : ValueTask.CompletedTask;
    }
}
