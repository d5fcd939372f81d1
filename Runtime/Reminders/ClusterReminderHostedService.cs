using Microsoft.Extensions.Hosting;
using SampleMind.Runtime.Hosting;

namespace SampleMind.Runtime.Reminders;

/// <summary>
/// Cluster mode: starts this silo's reminder scheduler node once the silo joined (it is registered
/// after the cluster's hosted service) and puts it in standby before the silo leaves (hosted services
/// stop in reverse order), so the node does not fire ticks through a silo that is handing its
/// partitions off; grains deactivating meanwhile can still unregister. The silo runtime shuts it down last.
/// </summary>
internal sealed class ClusterReminderHostedService(SiloRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.Reminders.StartClusteredAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.Reminders.StandbyAsync();
}
