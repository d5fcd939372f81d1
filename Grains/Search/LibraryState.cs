using SampleMind.Audio;
using SampleMind.Search.Filters;

namespace SampleMind.Grains.Search;

/// <summary>A library shard's persisted part: each sample's features and fingerprint (vectors live in the index file).</summary>
public sealed class LibraryState
{
    /// <summary>The samples by id.</summary>
    public Dictionary<string, LibraryEntry> Samples { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One sample of a shard.</summary>
/// <param name="Features">What filters and ranking look at.</param>
/// <param name="Fingerprint">The raw Chromaprint sub-fingerprints.</param>
/// <param name="Melody">The pitch contour of a melodic sample (the analysis' <see cref="SampleAnalysis.Melody"/>), or null.</param>
public sealed record LibraryEntry(SampleFeatures Features, IReadOnlyList<int> Fingerprint, MelodyContour? Melody = null);
