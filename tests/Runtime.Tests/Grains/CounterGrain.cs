namespace SampleMind.Runtime.Tests.Grains;

public sealed class CounterState
{
    public int Value { get; set; }

    public List<string> History { get; set; } = [];
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount, string note);

    Task<CounterState> Get();

    Task<string?> Etag();

    Task Clear();
}

[GrainType("test-counter")]
public sealed class CounterGrain([PersistentState("counter", "Default")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public async Task<int> Add(int amount, string note)
    {
        state.State.Value += amount;
        state.State.History.Add(note);
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<CounterState> Get() => Task.FromResult(state.State);

    public Task<string?> Etag() => Task.FromResult(state.Etag);

    public Task Clear() => state.ClearStateAsync();
}
