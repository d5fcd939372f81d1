using Microsoft.Extensions.DependencyInjection;
using SampleMind.Runtime.Diagnostics;
using SampleMind.Runtime.Hosting;
using SampleMind.Runtime.Tests.Grains;
using SampleMind.Runtime.Tests.Support;

namespace SampleMind.Runtime.Tests;

/// <summary>
/// A stop deactivates what the catalog holds; an activation the catalog admits while the stop lists them is refused,
/// not left running; a turn still busy when the host's shutdown timeout fires does not turn the stop into an error.
/// </summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_activation_admitted_as_the_silo_stops_is_not_activated_and_its_call_fails()
    {
        await using var silo = await TestSilo.StartAsync();
        var runtime = silo.Services.GetRequiredService<SiloRuntime>();
        var key = Guid.NewGuid().ToString("N");
        var admitting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var proceed = new ManualResetEventSlim();
        runtime.AdmitActivation = id =>
        {
            if (id.Key == key)
            {
                // Past the catalog's first "is the silo running" check, before the activation is added.
                admitting.TrySetResult();
                proceed.Wait();
            }

            return null;
        };

        var call = Task.Run(() => silo.Grains.GetGrain<ILifecycleGrain>(key).Activations());
        try
        {
            await admitting.Task.WaitAsync(s_wait);
            await runtime.StopAsync(CancellationToken.None).WaitAsync(s_wait);
            Assert.Equal(SiloStatus.Stopped, runtime.Status);
        }
        finally
        {
            proceed.Set();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => call.WaitAsync(s_wait));
        Assert.Contains("silo is stopped", error.Message, StringComparison.Ordinal);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Volatile.Read(ref Sinks.For(key).Activations));
        Assert.DoesNotContain(runtime.Catalog.Activations, a => a.GrainId.Key == key);
    }

    [Fact]
    public async Task A_turn_still_busy_when_the_shutdown_timeout_fires_is_left_and_the_stop_completes()
    {
        await using var silo = await TestSilo.StartAsync();
        var runtime = silo.Services.GetRequiredService<SiloRuntime>();
        var key = Guid.NewGuid().ToString("N");
        var probe = Sinks.For(key);
        var held = silo.Grains.GetGrain<ISlowGrain>(key).Slow();
        await probe.Signal.Task.WaitAsync(s_wait);

        using var shutdownTimeout = new CancellationTokenSource();
        var stopping = runtime.StopAsync(shutdownTimeout.Token);
        Assert.False(stopping.IsCompleted);
        await shutdownTimeout.CancelAsync();
        await stopping.WaitAsync(s_wait);

        Assert.Equal(SiloStatus.Stopped, runtime.Status);
        Assert.Contains(runtime.Catalog.Activations, a => a.GrainId.Key == key);
        probe.Gate.SetResult();
        await held.WaitAsync(s_wait);
    }
}
