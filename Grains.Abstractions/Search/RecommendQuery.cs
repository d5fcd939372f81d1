using SampleMind.Search.Recommendations;

namespace SampleMind.Grains.Abstractions.Search;

/// <summary>What a project has (key, tempo, samples used) and how many suggestions to make.</summary>
/// <param name="Project">The project's context.</param>
/// <param name="Count">How many suggestions.</param>
public sealed record RecommendQuery(ProjectContext Project, int Count);
