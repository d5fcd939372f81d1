using SampleMind.Audio;
using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Samples;

/// <summary>
/// One sample as stored: where it came from, its content hash, and its analysis. A duplicate keeps
/// the analysis of the sample it duplicates and names it in <see cref="DuplicateOf"/>.
/// Never mutated once created (its <see cref="SampleAnalysis"/> neither), so it crosses in-silo grain
/// calls without a deep copy: an ingest hands each record to two grains.
/// </summary>
[Immutable]
public sealed record SampleRecord(
    string SampleId,
    string TenantId,
    string LibraryId,
    string RelativePath,
    string SourcePath,
    string ContentSha256,
    long SizeBytes,
    string? DuplicateOf,
    IReadOnlyList<string> Labels,
    string IngestJobId,
    DateTimeOffset AnalyzedAt,
    SampleAnalysis Analysis);
