namespace SampleMind.Runtime.Storage;

/// <summary>
/// Durable grain state, addressed by (grain type, grain key, state name), with optimistic
/// concurrency: every write returns a new ETag, and a write or clear whose expected ETag is not the
/// stored one throws <see cref="InconsistentStateException"/> (expected null means "no record").
/// Payloads are UTF-8 JSON from <see cref="Serialization.GrainSerializer"/>. Implementations: SQLite
/// (embedded), in-memory (tests); PostgreSQL (cluster mode) fits the same contract.
/// </summary>
public interface IGrainStorage
{
    /// <summary>The stored record, or null.</summary>
    Task<GrainStateRecord?> ReadAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="payload"/> if the stored ETag is <paramref name="expectedEtag"/>; returns the new ETag.</summary>
    Task<string> WriteAsync(string grainType, string grainKey, string stateName, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>Deletes the record if the stored ETag is <paramref name="expectedEtag"/> (no record and null: nothing to do).</summary>
    Task ClearAsync(string grainType, string grainKey, string stateName, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the store when the silo starts (a file store creates or checks its schema), so that a damaged or unreadable
    /// store stops the start with its own error instead of failing every grain's activation later. Nothing by default.
    /// </summary>
    Task OpenAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
