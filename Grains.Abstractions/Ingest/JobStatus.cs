namespace SampleMind.Grains.Abstractions.Ingest;

/// <summary>
/// A job's progress. Counts come from the durable work queue, so they are exact across crashes.
/// </summary>
/// <param name="Listed">Files turned into work items so far.</param>
/// <param name="ListingComplete">True once the whole source has been listed (then Listed is the total).</param>
/// <param name="Succeeded">Files analysed (including duplicates linked to an earlier file).</param>
/// <param name="Duplicates">Of <paramref name="Succeeded"/>, files with the same content as one already in the library.</param>
/// <param name="Failed">Files set aside with a reason.</param>
/// <param name="FilesPerSecond">
/// Files done per second: over about the last 10 s while the job runs (or is paused); over its whole run, from
/// <paramref name="CreatedAt"/> to <paramref name="FinishedAt"/>, once it has ended.
/// </param>
/// <param name="EtaSeconds">Estimated seconds to completion; null while unknown and once the job has ended.</param>
public sealed record JobStatus(
    string JobId,
    string TenantId,
    string LibraryId,
    JobState State,
    long Listed,
    bool ListingComplete,
    long Succeeded,
    long Duplicates,
    long Failed,
    long InFlight,
    double FilesPerSecond,
    double? EtaSeconds,
    double AudioSeconds,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<ItemFailure> RecentFailures);
