using System.Text.Json;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Scheduling;

namespace SampleMind.Grains.Ingest;

/// <summary>The ingest jobs' view of the durable work queue: one item per file, keyed by its relative path.</summary>
public sealed class QueueIngestWork(IWorkQueue queue) : IIngestWork
{
    /// <summary>The work item kind of "analyse one file of an ingest job".</summary>
    public const string AnalyzeKind = "ingest.analyze";

    public const string DuplicatesTally = "duplicates";
    public const string AudioSecondsTally = "audioSeconds";

    public Task RegisterJobAsync(IngestJobSpec spec, CancellationToken cancellationToken) =>
        queue.RegisterJobAsync(new WorkJob(spec.JobId, spec.TenantId, spec.Priority, "ingest"), cancellationToken);

    public async Task<int> EnqueueAsync(
        IngestJobSpec spec, IReadOnlyList<string> relativePaths, int covered, string? refusal, CancellationToken cancellationToken)
    {
        var analysed = Math.Min(covered, relativePaths.Count);
        var items = new List<WorkItemRequest>(analysed);
        for (var i = 0; i < analysed; i++)
        {
            var path = relativePaths[i];
            var payload = new IngestItemPayload(spec.JobId, spec.TenantId, spec.LibraryId, spec.Root, path, spec.Level, spec.Labels, null);
            items.Add(new WorkItemRequest(path, AnalyzeKind, WorkRoles.Cpu, JsonSerializer.Serialize(payload, GrainStateJsonContext.Default.IngestItemPayload)));
        }

        var added = items.Count > 0 ? await queue.EnqueueAsync(spec.JobId, items, cancellationToken) : 0;
        if (analysed == relativePaths.Count)
        {
            return added;
        }

        // Refused files are set aside as they are listed: no worker is handed them, and they carry no payload.
        var refused = new List<WorkItemRequest>(relativePaths.Count - analysed);
        for (var i = analysed; i < relativePaths.Count; i++)
        {
            refused.Add(new WorkItemRequest(relativePaths[i], AnalyzeKind, WorkRoles.Cpu, "{}"));
        }

        return added + await queue.EnqueueSetAsideAsync(spec.JobId, refused, refusal ?? throw new ArgumentNullException(nameof(refusal)), cancellationToken);
    }

    public async Task<IngestCounts> GetCountsAsync(string jobId, CancellationToken cancellationToken)
    {
        var c = await queue.GetJobCountsAsync(jobId, cancellationToken)
            ?? throw new InvalidOperationException($"The work queue has no job '{jobId}'.");
        return new IngestCounts(c.Enqueued, c.Pending, c.Leased, c.Succeeded, c.Failed, c.Cancelled,
            (long)c.Tallies.GetValueOrDefault(DuplicatesTally), c.Tallies.GetValueOrDefault(AudioSecondsTally));
    }

    public Task PauseAsync(string jobId, CancellationToken cancellationToken) => queue.PauseJobAsync(jobId, cancellationToken);

    public Task ResumeAsync(string jobId, CancellationToken cancellationToken) => queue.ResumeJobAsync(jobId, cancellationToken);

    public Task CancelAsync(string jobId, CancellationToken cancellationToken) => queue.CancelJobAsync(jobId, cancellationToken);

    public async Task<IReadOnlyList<ItemFailure>> GetFailuresAsync(string jobId, int limit, CancellationToken cancellationToken)
    {
        var failures = await queue.ReadLatestFailuresAsync(jobId, limit, cancellationToken);
        return [.. failures.Select(f => new ItemFailure(f.ItemKey, f.Error, f.Attempts))];
    }
}
