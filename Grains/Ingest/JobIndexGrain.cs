using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Runtime;

namespace SampleMind.Grains.Ingest;

/// <summary>The recent ingest jobs of every tenant (see <see cref="IJobIndexGrain"/>), persisted.</summary>
public sealed class JobIndexGrain(
    [PersistentState("jobindex", "Default")] IPersistentState<JobIndexState> state) : Grain, IJobIndexGrain
{
    /// <summary>The one key in use.</summary>
    public const string AllKey = "all";

    /// <summary>How many jobs are remembered.</summary>
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
        if (jobs.Count > Capacity)
        {
            jobs.RemoveRange(Capacity, jobs.Count - Capacity);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> Recent(int limit) =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Jobs.Take(Math.Max(0, limit)).Select(j => j.JobId)]);
}

/// <summary>The persisted job list, newest first.</summary>
public sealed class JobIndexState
{
    public List<JobIndexEntry> Jobs { get; set; } = [];
}

/// <summary>A job and when it was created.</summary>
public sealed record JobIndexEntry(string JobId, DateTimeOffset CreatedAt);
