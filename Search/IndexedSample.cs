using SampleMind.Search.Filters;

namespace SampleMind.Search;

/// <summary>A sample to index: its features (the id is <see cref="SampleFeatures.SampleId"/>) and its embedding.</summary>
/// <param name="Features">What filters and ranking look at.</param>
/// <param name="Vector">The audio embedding (the engine's dimension).</param>
public sealed record IndexedSample(SampleFeatures Features, float[] Vector);
