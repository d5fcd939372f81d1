using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Ingest;

/// <summary>
/// A resumable ingest batch: lists its source into work items in bounded batches, keeping a cursor
/// in persisted state, and finishes when every item is done or set aside. Key: job id.
/// </summary>
public interface IIngestJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job; starting it again with the same id returns its status.</summary>
    Task<JobStatus> Start(IngestJobSpec spec);

    /// <summary>The status, or null for an unknown job.</summary>
    Task<JobStatus?> GetStatus();

    /// <summary>
    /// Pauses a running job; null for an unknown job. A pause that took effect answers Paused even when the job's last
    /// files are recorded meanwhile (the job completes at its next check); a job that had completed answers so.
    /// </summary>
    Task<JobStatus?> Pause();

    /// <summary>Resumes a paused job, as <see cref="Pause"/> pauses one: Running when it took effect, else the state it is in.</summary>
    Task<JobStatus?> Resume();

    Task<JobStatus?> Cancel();

    Task<IngestJobSpec?> GetSpec();
}
