using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Runtime;

namespace SampleMind.Grains.Ingest;

/// <summary>The ingest jobs of every tenant (see <see cref="IJobIndexGrain"/>), persisted.</summary>
public sealed class JobIndexGrain(
    [PersistentState("jobindex", "Default")] IPersistentState<JobIndexState> state) : Grain, IJobIndexGrain
{
    /// <summary>The one key in use.</summary>
    public const string AllKey = "all";

    /// <summary>How many ended jobs are remembered; running and paused ones are never forgotten.</summary>
    public const int Capacity = 1000;

    public async Task Add(string jobId, DateTimeOffset createdAt)
    {
        var jobs = state.State.Jobs;
        if (jobs.Exists(j => j.JobId == jobId))
        {
            return;
        }

        jobs.Add(new JobIndexEntry(jobId, createdAt));
        jobs.Sort((a, b) => b.CreatedAt.CompareTo(a.CreatedAt));
        ForgetOldestEnded(jobs);
        await state.WriteStateAsync();
    }

    public async Task Note(string jobId, JobState jobState, long failed)
    {
        var jobs = state.State.Jobs;
        var index = jobs.FindIndex(j => j.JobId == jobId);
        if (index < 0 || (jobs[index].State == jobState && jobs[index].Failed == failed))
        {
            return;
        }

        jobs[index] = jobs[index] with { State = jobState, Failed = failed };
        ForgetOldestEnded(jobs);
        await state.WriteStateAsync();
    }

    public async Task Forget(string jobId)
    {
        if (state.State.Jobs.RemoveAll(j => j.JobId == jobId) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<JobIndexView> View(int activeLimit, int finishedLimit)
    {
        var listed = new List<JobIndexItem>();
        int active = 0, ended = 0, running = 0, paused = 0;
        long failed = 0;
        foreach (var job in state.State.Jobs)
        {
            var isActive = IsActive(job.State);
            if (isActive ? active++ < activeLimit : ended++ < finishedLimit)
            {
                listed.Add(new JobIndexItem(job.JobId, job.State, job.Failed, job.CreatedAt));
                continue;
            }

            running += job.State == JobState.Running ? 1 : 0;
            paused += job.State == JobState.Paused ? 1 : 0;
            failed += job.Failed;
        }

        return Task.FromResult(new JobIndexView(listed, running, paused, failed));
    }

    private static bool IsActive(JobState jobState) => jobState is JobState.Running or JobState.Paused;

    /// <summary>Drops the oldest ended jobs past <see cref="Capacity"/> (the list is newest first).</summary>
    private static void ForgetOldestEnded(List<JobIndexEntry> jobs)
    {
        var ended = 0;
        jobs.RemoveAll(j => !IsActive(j.State) && ++ended > Capacity);
    }
}

/// <summary>The persisted job list, newest first.</summary>
public sealed class JobIndexState
{
    public List<JobIndexEntry> Jobs { get; set; } = [];
}

/// <summary>
/// A job, when it was created, and its state and files set aside as last noted (an entry written before they were kept
/// reads as running until the dashboard notes what the job says).
/// </summary>
public sealed record JobIndexEntry(string JobId, DateTimeOffset CreatedAt, JobState State = JobState.Running, long Failed = 0);
