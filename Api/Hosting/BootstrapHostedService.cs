namespace SampleMind.Api;

/// <summary>Runs the first-start bootstrap once the silo is up.</summary>
internal sealed class BootstrapHostedService(BootstrapService bootstrap) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => bootstrap.RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
