namespace SampleMind.Grains.Abstractions.Samples;

/// <summary>
/// The catalogue row of a sample: the facts listings filter on. Built from the full analysis.
/// </summary>
/// <param name="Key">Key as "F minor" / "C major"; null for atonal sounds.</param>
/// <param name="Camelot">Camelot code ("4A"); null when no key.</param>
/// <param name="Type">"loop" or "one-shot"; "unknown" for a sample analysed at level fast (no loop analysis).</param>
public sealed record SampleSummary(
    string SampleId,
    string LibraryId,
    string RelativePath,
    string ContentSha256,
    string? DuplicateOf,
    double DurationSeconds,
    double? Bpm,
    string? Key,
    string? Camelot,
    string Type,
    double? Lufs,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Defects,
    IReadOnlyList<string> Labels,
    string IngestJobId);
