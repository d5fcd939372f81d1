using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Ingest;

/// <summary>
/// The cluster's ingest jobs across tenants, for the operator dashboard: one activation
/// (key "all") wherever it is placed, so every silo lists the same jobs. It remembers every job
/// that is still running or paused, and the newest 1,000 that have ended.
/// </summary>
public interface IJobIndexGrain : IGrainWithStringKey
{
    /// <summary>Notes a new job as running (adding it again changes nothing).</summary>
    Task Add(string jobId, DateTimeOffset createdAt);

    /// <summary>
    /// Notes a job's state and its files set aside so far (the job calls it when it pauses, resumes or ends; the
    /// dashboard when it reads another state); a job the index does not remember is ignored.
    /// </summary>
    Task Note(string jobId, JobState state, long failed);

    /// <summary>
    /// Forgets a job that has no state (added by a start that failed, or a host that stopped, before the job stored
    /// itself): otherwise it would read as running for good.
    /// </summary>
    Task Forget(string jobId);

    /// <summary>
    /// The jobs the dashboard lists: every running or paused job up to <paramref name="activeLimit"/> and the newest
    /// <paramref name="finishedLimit"/> that have ended, newest first; with the totals of the jobs it leaves out.
    /// </summary>
    Task<JobIndexView> View(int activeLimit, int finishedLimit);
}
