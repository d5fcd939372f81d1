using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Grains.Abstractions.Ingest;

namespace SampleMind.Api.Endpoints;

/// <summary>An ingest request as understood so far: options, the resolved source, or why it is refused.</summary>
internal sealed record IngestDraft(string? Level, int? Priority, string? WebhookUrl, IReadOnlyList<string>? Labels)
{
    public IngestSourceKind Kind { get; init; }

    public string Root { get; init; } = "";

    /// <summary>For manifest jobs: the stored manifest file.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>Manifest entries still to be written to <see cref="ManifestPath"/>, streamed.</summary>
    public IAsyncEnumerable<string>? ManifestLines { get; init; }

    public Dictionary<string, string[]> Errors { get; init; } = [];

    public ProblemHttpResult? Problem { get; init; }

    public static IngestDraft Invalid(string field, string message) =>
        new(null, null, null, null) { Errors = new() { [field] = [message] } };

    /// <summary>The job's spec; a label given twice is kept once, in the order first given (a sample's labels are a set).</summary>
    public IngestJobSpec ToSpec(string jobId, string tenantId, string libraryId, DateTimeOffset now) => new(
        jobId, tenantId, libraryId, Kind, Root, ManifestPath, Level ?? IngestValidation.DefaultLevel,
        Priority ?? IngestValidation.DefaultPriority, WebhookUrl,
        Labels is null ? [] : [.. Labels.Distinct(StringComparer.Ordinal)], now);
}
