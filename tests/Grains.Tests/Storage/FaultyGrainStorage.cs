using System.Collections.Concurrent;
using SampleMind.Runtime.Storage;

namespace SampleMind.Grains.Tests.Storage;

/// <summary>
/// In-memory grain storage whose next write of one state name fails on demand, at once or after the test lets it go
/// on (so that calls can queue behind a write in progress). Register it as the silo's <see cref="IGrainStorage"/>.
/// Linked into Api.Tests as well.
/// </summary>
public sealed class FaultyGrainStorage : IGrainStorage
{
    private readonly MemoryGrainStorage _inner = new();
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private StorageFault? _armed;
    private int _failed;

    /// <summary>Writes failed so far.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Reads of <paramref name="stateName"/> so far.</summary>
    public int ReadsOf(string stateName) => _reads.GetValueOrDefault(stateName);

    /// <summary>Fails the next write of <paramref name="stateName"/> with <paramref name="error"/>; when <paramref name="hold"/>, it first waits for <see cref="StorageFault.Release"/>.</summary>
    public StorageFault FailNextWrite(string stateName, Exception error, bool hold = false)
    {
        var fault = new StorageFault(stateName, error, hold);
        lock (_lock)
        {
            _armed = fault;
        }

        return fault;
    }

    public Task<GrainStateRecord?> ReadAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken)
    {
        _reads.AddOrUpdate(stateName, 1, static (_, count) => count + 1);
        return _inner.ReadAsync(grainType, grainKey, stateName, cancellationToken);
    }

    public async Task<string> WriteAsync(
        string grainType, string grainKey, string stateName, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        StorageFault? fault = null;
        lock (_lock)
        {
            if (_armed?.StateName == stateName)
            {
                (fault, _armed) = (_armed, null);
            }
        }

        if (fault is not null)
        {
            await fault.WaitAsync();
            Interlocked.Increment(ref _failed);
            throw fault.Error;
        }

        return await _inner.WriteAsync(grainType, grainKey, stateName, payload, expectedEtag, cancellationToken);
    }

    public Task ClearAsync(string grainType, string grainKey, string stateName, string? expectedEtag, CancellationToken cancellationToken) =>
        _inner.ClearAsync(grainType, grainKey, stateName, expectedEtag, cancellationToken);
}

/// <summary>A write that is to fail: <see cref="Reached"/> once it is attempted; a held one fails on <see cref="Release"/>.</summary>
public sealed class StorageFault(string stateName, Exception error, bool hold)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string StateName { get; } = stateName;

    public Exception Error { get; } = error;

    public Task Reached => _reached.Task;

    public void Release() => _release.TrySetResult();

    internal Task WaitAsync()
    {
        _reached.TrySetResult();
        return hold ? _release.Task : Task.CompletedTask;
    }
}
