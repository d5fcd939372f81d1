namespace SampleMind.Grains.Abstractions.Ingest;

/// <summary>
/// Everything a job needs to run, fixed when it starts.
/// </summary>
/// <param name="Root">Absolute directory the job reads files from (already checked against the tenant's root).</param>
/// <param name="ManifestPath">For manifest jobs: the stored manifest file (one path relative to <paramref name="Root"/> per line); else null.</param>
/// <param name="Level">Analysis level: "fast", "standard" or "full".</param>
/// <param name="Priority">0 (lowest) to 9 (highest).</param>
public sealed record IngestJobSpec(
    string JobId,
    string TenantId,
    string LibraryId,
    IngestSourceKind SourceKind,
    string Root,
    string? ManifestPath,
    string Level,
    int Priority,
    string? WebhookUrl,
    IReadOnlyList<string> Labels,
    DateTimeOffset CreatedAt);
