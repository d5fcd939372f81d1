using SampleMind.Runtime.Storage;

namespace SampleMind.Grains.Tests.Storage;

/// <summary>
/// Two embedded silos over one in-memory grain storage, fresh for each test of a class that derives from this: a
/// grain's activation on each reads and writes the same stored state, as when the grain moves between silos.
/// </summary>
public abstract class TwoEmbeddedSilos : IAsyncLifetime
{
    private EmbeddedSilo? _first;
    private EmbeddedSilo? _second;

    /// <summary>The storage both silos share.</summary>
    protected MemoryGrainStorage Storage { get; } = new();

    protected EmbeddedSilo First => _first!;

    protected EmbeddedSilo Second => _second!;

    public async Task InitializeAsync()
    {
        _first = await EmbeddedSilo.StartAsync(Storage);
        _second = await EmbeddedSilo.StartAsync(Storage);
    }

    public async Task DisposeAsync()
    {
        await _first!.DisposeAsync();
        await _second!.DisposeAsync();
    }
}
