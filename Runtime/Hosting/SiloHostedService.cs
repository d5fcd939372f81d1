using Microsoft.Extensions.Hosting;

namespace SampleMind.Runtime.Hosting;

/// <summary>Starts and stops the embedded silo with the host.</summary>
internal sealed class SiloHostedService(SiloRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
