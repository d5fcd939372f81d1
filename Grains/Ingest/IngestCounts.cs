namespace SampleMind.Grains.Ingest;

/// <summary>A job's exact counts as the work queue records them.</summary>
public sealed record IngestCounts(
    long Enqueued, long Pending, long InFlight, long Succeeded, long Failed, long Cancelled, long Duplicates, double AudioSeconds);
