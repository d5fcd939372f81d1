using SampleMind.Grains.Abstractions.Samples;

namespace SampleMind.Grains.Abstractions.Libraries;

/// <summary>One page of a listing; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record SamplePage(IReadOnlyList<SampleSummary> Items, string? NextCursor);
