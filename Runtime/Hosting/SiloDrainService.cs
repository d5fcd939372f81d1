using Microsoft.Extensions.Hosting;

namespace SampleMind.Runtime.Hosting;

/// <summary>
/// The first step of a graceful stop: before any hosted service stops (the HTTP server included),
/// the silo turns <see cref="Diagnostics.SiloStatus.Draining"/>, so <c>/v1/health/ready</c> answers
/// 503 while calls are still served, and waits <see cref="SiloOptions.DrainDelay"/> for load
/// balancers to take it out of rotation. Then the cluster hand-off and the runtime stop follow.
/// </summary>
internal sealed class SiloDrainService(SiloRuntime runtime) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        runtime.BeginDrain();
        if (runtime.Options.DrainDelay <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(runtime.Options.DrainDelay, runtime.Time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out: stop now rather than not at all.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
