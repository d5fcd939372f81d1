using System.Collections.Concurrent;

namespace SampleMind.Runtime.Storage;

/// <summary>In-process storage with the same ETag semantics as SQLite (tests; state is lost at exit).</summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string, string, string), GrainStateRecord> _records = new();
    private readonly Lock _lock = new();

    public Task<GrainStateRecord?> ReadAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken) =>
        Task.FromResult(_records.GetValueOrDefault((grainType, grainKey, stateName)));

    public Task<string> WriteAsync(string grainType, string grainKey, string stateName, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        var key = (grainType, grainKey, stateName);
        lock (_lock)
        {
            var stored = _records.GetValueOrDefault(key)?.Etag;
            if (stored != expectedEtag)
            {
                throw EtagConflict.Create("write", grainType, grainKey, stateName, stored, expectedEtag);
            }

            var etag = EtagConflict.NewEtag();
            _records[key] = new GrainStateRecord(payload.ToArray(), etag);
            return Task.FromResult(etag);
        }
    }

    public Task ClearAsync(string grainType, string grainKey, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        var key = (grainType, grainKey, stateName);
        lock (_lock)
        {
            var stored = _records.GetValueOrDefault(key)?.Etag;
            if (stored != expectedEtag)
            {
                throw EtagConflict.Create("clear", grainType, grainKey, stateName, stored, expectedEtag);
            }

            _records.TryRemove(key, out _);
            return Task.CompletedTask;
        }
    }
}
