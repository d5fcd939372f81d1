namespace SampleMind.Runtime;

/// <summary>
/// A grain's persisted state, injected with <see cref="PersistentStateAttribute"/>. Read before
/// <see cref="Grain.OnActivateAsync"/> (unless <see cref="PersistentStateAttribute.ReadOnActivation"/> is false: then when
/// the grain calls <see cref="ReadStateAsync()"/>); written only when the grain calls <see cref="WriteStateAsync()"/>.
/// Writes use optimistic concurrency: a stale <see cref="Etag"/> throws <see cref="InconsistentStateException"/>.
/// </summary>
public interface IPersistentState<TState>
{
    /// <summary>The state (a new instance when nothing is stored).</summary>
    TState State { get; set; }

    /// <summary>The version last read or written; null when no record exists.</summary>
    string? Etag { get; }

    /// <summary>True when a stored record exists.</summary>
    bool RecordExists { get; }

    /// <summary>Reads the state from storage, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync();

    /// <summary>
    /// Writes <see cref="State"/> if storage still holds <see cref="Etag"/>. When the write fails (a stale ETag, a fenced-off
    /// lease, storage unavailable), <see cref="State"/> and <see cref="Etag"/> are read back from storage before the error
    /// is thrown, so the grain's memory holds only what was stored (unless storage cannot be read either).
    /// </summary>
    Task WriteStateAsync();

    /// <summary>Deletes the stored record and resets <see cref="State"/>.</summary>
    Task ClearStateAsync();

    /// <inheritdoc cref="ReadStateAsync()"/>
    Task ReadStateAsync(CancellationToken cancellationToken);

    /// <inheritdoc cref="WriteStateAsync()"/>
    Task WriteStateAsync(CancellationToken cancellationToken);

    /// <inheritdoc cref="ClearStateAsync()"/>
    Task ClearStateAsync(CancellationToken cancellationToken);
}
