namespace SampleMind.Api.Search;

/// <summary>Suggestions, best first.</summary>
internal sealed record RecommendationsResponse(IReadOnlyList<RecommendationView> Suggestions);
