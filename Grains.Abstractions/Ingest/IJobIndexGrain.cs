using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Ingest;

/// <summary>
/// The cluster's recent ingest jobs across tenants, for the operator dashboard: one activation
/// (key "all") wherever it is placed, so every silo lists the same jobs.
/// </summary>
public interface IJobIndexGrain : IGrainWithStringKey
{
    /// <summary>Notes a job (adding it again changes nothing); the newest 1,000 are kept.</summary>
    Task Add(string jobId, DateTimeOffset createdAt);

    /// <summary>The most recent <paramref name="limit"/> job ids, newest first.</summary>
    Task<IReadOnlyList<string>> Recent(int limit);
}
