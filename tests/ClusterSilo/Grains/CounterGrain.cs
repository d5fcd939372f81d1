using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;

namespace SampleMind.TestSilo.Grains;

/// <summary>A counter's persisted state.</summary>
public sealed class CounterState
{
    /// <summary>Acknowledged increments (each one written before it is acknowledged).</summary>
    public long Count { get; set; }

    /// <summary>"silo#epoch" each time the grain was written under a different activation lease.</summary>
    public List<string> Leases { get; set; } = [];
}

/// <summary>A counter placed on "cpu" silos: callers without that role (the test process) only route to it.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one and persists it before answering; returns the new count.</summary>
    Task<long> Increment();

    /// <summary>Where the grain is active now.</summary>
    Task<string> WhereAmI();
}

[GrainType("proc-counter")]
[RolePlacement("cpu")]
internal sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state, ClusterSilo cluster) : Grain, ICounterGrain
{
    private string _lease = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lease = cluster.SiloId + "#" + cluster.Partitions.Get(GrainId)?.Epoch;
        return Task.CompletedTask;
    }

    public async Task<long> Increment()
    {
        state.State.Count++;
        if (state.State.Leases.Count == 0 || state.State.Leases[^1] != _lease)
        {
            state.State.Leases.Add(_lease);
        }

        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<string> WhereAmI() => Task.FromResult(cluster.SiloId);
}
