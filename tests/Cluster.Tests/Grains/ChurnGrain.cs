using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;

namespace SampleMind.Cluster.Tests.Grains;

public sealed class ChurnState
{
    public int Count { get; set; }

    /// <summary>"silo#epoch" each time the grain was written under a different activation lease.</summary>
    public List<string> Leases { get; set; } = [];
}

public interface IChurnGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<ChurnState> Get();

    Task<string> WhereAmI();
}

[GrainType("test-churn")]
internal sealed class ChurnGrain([PersistentState("churn")] IPersistentState<ChurnState> state, ClusterSilo cluster) : Grain, IChurnGrain
{
    private string _lease = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lease = cluster.SiloId + "#" + cluster.Partitions.Get(GrainId)?.Epoch;
        ActivationLog.Started(GrainId.Key, cluster.SiloId);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ActivationLog.Ended(GrainId.Key, cluster.SiloId);
        return Task.CompletedTask;
    }

    public async Task<int> Increment()
    {
        state.State.Count++;
        if (state.State.Leases.Count == 0 || state.State.Leases[^1] != _lease)
        {
            state.State.Leases.Add(_lease);
        }

        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<ChurnState> Get() => Task.FromResult(state.State);

    public Task<string> WhereAmI() => Task.FromResult(cluster.SiloId);
}
