using SampleMind.Grains.Abstractions.Ingest;

namespace SampleMind.Grains.Ingest;

/// <summary>
/// What an ingest job needs of the durable work queue: register itself, add files as items
/// (idempotent per relative path), exact counts, steering, and its failures.
/// </summary>
public interface IIngestWork
{
    Task RegisterJobAsync(IngestJobSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Adds files as work items; a path already added to the job is not added again. The first
    /// <paramref name="covered"/> paths are analysed; the others fail with <paramref name="refusal"/> at once, set aside
    /// as they are added without a worker reading them (files past the quota, a folder that cannot be read). Returns how
    /// many items were new.
    /// </summary>
    Task<int> EnqueueAsync(
        IngestJobSpec spec, IReadOnlyList<string> relativePaths, int covered, string? refusal, CancellationToken cancellationToken);

    Task<IngestCounts> GetCountsAsync(string jobId, CancellationToken cancellationToken);

    Task PauseAsync(string jobId, CancellationToken cancellationToken);

    Task ResumeAsync(string jobId, CancellationToken cancellationToken);

    Task CancelAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="limit"/> files set aside, newest first.</summary>
    Task<IReadOnlyList<ItemFailure>> GetFailuresAsync(string jobId, int limit, CancellationToken cancellationToken);
}
