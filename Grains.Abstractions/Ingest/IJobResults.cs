namespace SampleMind.Grains.Abstractions.Ingest;

/// <summary>Streams a job's per-file results in item order, from durable storage, without loading them all.</summary>
public interface IJobResults
{
    IAsyncEnumerable<JobResultRow> ReadAsync(string jobId, CancellationToken cancellationToken);
}
