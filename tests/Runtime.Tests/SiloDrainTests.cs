using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleMind.Runtime.Diagnostics;
using SampleMind.Runtime.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Runtime.Tests;

/// <summary>The drain step of a graceful stop (<see cref="SiloOptions.DrainDelay"/>) on a clock the test drives.</summary>
public sealed class SiloDrainTests
{
    [Fact]
    public async Task A_stopping_silo_reports_draining_for_the_drain_delay_before_it_stops()
    {
        var time = new ManualTimeProvider();
        var directory = Directory.CreateTempSubdirectory("samplemind-drain-").FullName;
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSampleMindSilo(o =>
        {
            o.Storage = "memory";
            o.DataDirectory = directory;
            o.DrainDelay = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddSampleMindSiloDrain();
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
            var diagnostics = host.Services.GetRequiredService<IClusterDiagnostics>();
            Assert.Equal(SiloStatus.Running, diagnostics.GetLocalSilo().Status);

            var stop = host.StopAsync();
            await Eventually.HoldsAsync(() => diagnostics.GetLocalSilo().Status == SiloStatus.Draining,
                TimeSpan.FromSeconds(10), "the silo to report draining once the stop began");
            time.Advance(TimeSpan.FromSeconds(29));
            Assert.Equal(SiloStatus.Draining, diagnostics.GetLocalSilo().Status);
            Assert.False(stop.IsCompleted, "the stop went on before the drain delay passed");

            time.Advance(TimeSpan.FromSeconds(1));
            await stop.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(SiloStatus.Stopped, diagnostics.GetLocalSilo().Status);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:05:01")]
    public void A_drain_delay_below_zero_or_over_five_minutes_is_refused(string delay)
    {
        var result = new SiloOptionsValidator().Validate(null, new SiloOptions { DrainDelay = TimeSpan.Parse(delay, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.True(result.Failed);
        Assert.Contains("Silo:DrainDelay", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void No_drain_delay_and_the_default_are_accepted()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), new SiloOptions().DrainDelay);
        Assert.True(new SiloOptionsValidator().Validate(null, new SiloOptions { DrainDelay = TimeSpan.Zero }).Succeeded);
        Assert.True(new SiloOptionsValidator().Validate(null, new SiloOptions()).Succeeded);
    }
}
