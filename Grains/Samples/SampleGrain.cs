using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Runtime;

namespace SampleMind.Grains.Samples;

/// <summary>One sample's record: analysis, fingerprint, embedding and where its audio is.</summary>
public sealed class SampleGrain(
    [PersistentState("sample", "Default")] IPersistentState<SampleState> state) : Grain, ISampleGrain
{
    public async Task Record(SampleRecord record)
    {
        if (state.State.Record == record)
        {
            return;
        }

        state.State.Record = record;
        await state.WriteStateAsync();
    }

    public Task<SampleRecord?> Get() => Task.FromResult(state.State.Record);
}
