using SampleMind.Runtime;

namespace SampleMind.Cluster.Bench;

/// <summary>The benchmarked grain: placed on gpu-role silos only, so the caller silo (role api) never hosts one.</summary>
public interface IEchoGrain : IGrainWithStringKey
{
    /// <summary>Answers <paramref name="value"/> + 1.</summary>
    Task<int> Echo(int value);
}

/// <summary>Answers at once; the figures measure the runtime and the wire, not the grain.</summary>
[RolePlacement("gpu")]
[GrainType("bench-echo")]
public sealed class EchoGrain : Grain, IEchoGrain
{
    /// <inheritdoc />
    public Task<int> Echo(int value) => Task.FromResult(value + 1);
}
