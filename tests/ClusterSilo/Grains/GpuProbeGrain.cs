using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;

namespace SampleMind.TestSilo.Grains;

/// <summary>A grain placed on "gpu" silos (start one with --Silo:Roles:0=gpu to host it).</summary>
public interface IGpuProbeGrain : IGrainWithStringKey
{
    /// <summary>The silo it runs on.</summary>
    Task<string> WhereAmI();
}

[GrainType("proc-gpu-probe")]
[RolePlacement("gpu")]
internal sealed class GpuProbeGrain(ClusterSilo cluster) : Grain, IGpuProbeGrain
{
    public Task<string> WhereAmI() => Task.FromResult(cluster.SiloId);
}
