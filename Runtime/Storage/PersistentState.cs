using SampleMind.Runtime.Serialization;

namespace SampleMind.Runtime.Storage;

/// <summary>A grain's handle on one named state in one storage.</summary>
internal sealed class PersistentState<TState>(
    IGrainStorage storage, string grainType, GrainId grainId, string stateName, Func<TState> createDefault)
    : IPersistentState<TState>, IPersistentStateLoader
{
    public TState State { get; set; } = createDefault();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    public Task ReadStateAsync() => ReadStateAsync(CancellationToken.None);

    public Task WriteStateAsync() => WriteStateAsync(CancellationToken.None);

    public Task ClearStateAsync() => ClearStateAsync(CancellationToken.None);

    public async Task ReadStateAsync(CancellationToken cancellationToken)
    {
        var record = await storage.ReadAsync(grainType, grainId.Key, stateName, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            State = createDefault();
            Etag = null;
            return;
        }

        State = GrainSerializer.Deserialize<TState>(record.Payload.Span) ?? createDefault();
        Etag = record.Etag;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var payload = GrainSerializer.SerializeToUtf8Bytes(State);
            Etag = await storage.WriteAsync(grainType, grainId.Key, stateName, payload, Etag, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ReadBackAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// After a failed write: the state becomes what storage holds, so the grain does not go on from changes that were not
    /// stored (a retry that finds its change already in memory would skip the write). Storage that cannot be read either
    /// leaves the state as it is; the write's own error is the one the grain gets.
    /// </summary>
    private async Task ReadBackAsync()
    {
        try
        {
            await ReadStateAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Unreadable as well: nothing better is known than the state in memory.
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken)
    {
        await storage.ClearAsync(grainType, grainId.Key, stateName, Etag, cancellationToken).ConfigureAwait(false);
        Etag = null;
        State = createDefault();
    }
}
