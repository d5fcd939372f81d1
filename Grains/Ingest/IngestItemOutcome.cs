using SampleMind.Grains.Abstractions.Ingest;

namespace SampleMind.Grains.Ingest;

/// <summary>How one ingest item ended: its result row (JSON) and tallies, or an error and whether to retry.</summary>
public sealed record IngestItemOutcome(bool Succeeded, bool Retryable, string? Error, JobResultRow? Row, bool Duplicate, double AudioSeconds)
{
    public static IngestItemOutcome Failed(string error, bool retryable) => new(false, retryable, error, null, false, 0);
}
