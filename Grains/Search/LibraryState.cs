using SampleMind.Audio;
using SampleMind.Search.Filters;

namespace SampleMind.Grains.Search;

/// <summary>
/// A library shard's grain state. Entries now live one row per sample in the catalogue store (<c>shard_entries</c>);
/// this state only carries what the previous version wrote, moved to that table on the shard's next activation.
/// </summary>
public sealed class LibraryState
{
    /// <summary>Legacy: the samples by id, as the previous version kept them; empty once moved.</summary>
    public Dictionary<string, LibraryEntry> Samples { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One sample of a shard.</summary>
/// <param name="Features">What filters and ranking look at.</param>
/// <param name="Fingerprint">The raw Chromaprint sub-fingerprints.</param>
/// <param name="Melody">The pitch contour of a melodic sample (the analysis' <see cref="SampleAnalysis.Melody"/>), or null.</param>
/// <param name="VectorStamp">
/// A checksum of the sample's vector as the index stores it (<see cref="VectorStamps"/>), so that an index file saved
/// before the sample's content changed is seen to hold an older vector; null in rows written before it existed.
/// </param>
/// <param name="ContentSha256">
/// The file's SHA-256, so that exact copies are duplicates even when their fingerprints are too short to compare (a
/// one-shot under about 1.3 s); null in rows written before it existed.
/// </param>
public sealed record LibraryEntry(
    SampleFeatures Features, IReadOnlyList<int> Fingerprint, MelodyContour? Melody = null, long? VectorStamp = null, string? ContentSha256 = null);
