using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;

namespace SampleMind.Cluster.Tests.Grains;

public interface IGpuGrain : IGrainWithStringKey
{
    Task<string> WhereAmI();
}

[GrainType("test-gpu")]
[RolePlacement("gpu")]
internal sealed class GpuGrain(ClusterSilo cluster) : Grain, IGpuGrain
{
    public Task<string> WhereAmI() => Task.FromResult(cluster.SiloId);
}
