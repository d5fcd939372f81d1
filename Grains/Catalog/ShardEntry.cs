using SampleMind.Grains.Search;

namespace SampleMind.Grains.Catalog;

/// <summary>One sample's row in its library shard's table (<c>shard_entries</c>, keyed by tenant, library and sample).</summary>
/// <param name="SampleId">The sample (never empty).</param>
/// <param name="Entry">
/// What the shard keeps of the sample; null for a catalogued sample with nothing to index (no embedding), kept so
/// that reconciling the shard with the catalogue does not look that sample up again.
/// </param>
public sealed record ShardEntry(string SampleId, LibraryEntry? Entry);
