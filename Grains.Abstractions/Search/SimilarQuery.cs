using SampleMind.Search.Filters;

namespace SampleMind.Grains.Abstractions.Search;

/// <summary>Query by example: the samples that sound most like <paramref name="SampleId"/>.</summary>
/// <param name="SampleId">The example sample.</param>
/// <param name="K">How many hits.</param>
/// <param name="Filter">Hard conditions on the hits.</param>
public sealed record SimilarQuery(string SampleId, int K, SampleFilter? Filter);
