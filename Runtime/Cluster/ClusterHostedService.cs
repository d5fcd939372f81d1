using Microsoft.Extensions.Hosting;

namespace SampleMind.Runtime.Cluster;

/// <summary>Joins the cluster after the silo runtime started; leaves (hand-off) before it stops.</summary>
internal sealed class ClusterHostedService(ClusterSilo cluster) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => cluster.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => cluster.StopAsync(cancellationToken);
}
