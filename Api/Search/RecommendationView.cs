namespace SampleMind.Api.Search;

/// <summary>One suggestion: the sample, the role it would fill, its score and a sentence saying why.</summary>
internal sealed record RecommendationView(string SampleId, string Role, double Score, string Why);
