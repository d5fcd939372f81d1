namespace SampleMind.Grains.Abstractions.Ingest;

/// <summary>
/// Everything a job needs to run, fixed when it starts.
/// </summary>
/// <param name="Root">Absolute directory the job reads files from (already checked against the tenant's root).</param>
/// <param name="ManifestPath">For manifest jobs: the stored manifest file (one path relative to <paramref name="Root"/> per line); else null.</param>
/// <param name="Level">Analysis level: "fast", "standard" or "full".</param>
/// <param name="Priority">0 (lowest) to 9 (highest).</param>
/// <param name="RequestFingerprint">
/// For a job started with an <c>Idempotency-Key</c>: what identifies the request (a SHA-256 over its library, content
/// type, query string and the SHA-256 of its body), so that the key sent again is recognised as the same request or refused as another; null for
/// jobs started without one, and in jobs stored before it existed.
/// </param>
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
    DateTimeOffset CreatedAt,
    string? RequestFingerprint = null);
