using Microsoft.Extensions.DependencyInjection;
using SampleMind.Runtime.Hosting;
using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Cluster;

/// <summary>Gives the silo runtime the cluster router (which finds the <see cref="ClusterSilo"/> on first use).</summary>
internal sealed class ClusterRouterProvider(IServiceProvider services) : IGrainCallRouterProvider
{
    public IGrainCallRouter Create(SiloRuntime runtime) =>
        new ClusterGrainCallRouter(runtime, services.GetRequiredService<ClusterSilo>);
}
