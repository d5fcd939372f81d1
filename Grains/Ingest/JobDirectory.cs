using System.Collections.Concurrent;

namespace SampleMind.Grains.Ingest;

/// <summary>
/// The ingest jobs this silo has hosted since it started (ids, newest last), for the operator
/// dashboard. Jobs register themselves when they start or re-activate.
/// </summary>
public sealed class JobDirectory
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _jobs = new();

    public void Add(string jobId, DateTimeOffset createdAt) => _jobs.TryAdd(jobId, createdAt);

    /// <summary>The most recent <paramref name="limit"/> job ids, newest first.</summary>
    public IReadOnlyList<string> Recent(int limit) =>
        [.. _jobs.OrderByDescending(j => j.Value).Take(limit).Select(j => j.Key)];
}
