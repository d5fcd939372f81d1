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

    Task<JobStatus?> Pause();

    Task<JobStatus?> Resume();

    Task<JobStatus?> Cancel();

    Task<IngestJobSpec?> GetSpec();
}
