namespace SampleMind.Runtime.Tests.Grains;

public sealed class NoteState
{
    public string? Text { get; set; }
}

public interface ILazyNoteGrain : IGrainWithStringKey
{
    /// <summary>The text in memory, without reading storage.</summary>
    Task<string?> Peek();

    Task Put(string text);

    /// <summary>Reads the stored text.</summary>
    Task<string?> Read();
}

/// <summary>A grain whose state is read only when it asks (<see cref="PersistentStateAttribute.ReadOnActivation"/> false).</summary>
[GrainType("test-lazy-note")]
public sealed class LazyNoteGrain([PersistentState("note", "Default", ReadOnActivation = false)] IPersistentState<NoteState> state)
    : Grain, ILazyNoteGrain
{
    public Task<string?> Peek() => Task.FromResult(state.State.Text);

    public async Task Put(string text)
    {
        state.State.Text = text;
        await state.WriteStateAsync();
    }

    public async Task<string?> Read()
    {
        await state.ReadStateAsync();
        return state.State.Text;
    }
}
