namespace SampleMind.Api.Search;

/// <summary>The body of a search: a text query, hard filters and how many hits (default 10, at most 100).</summary>
internal sealed record SearchApiRequest(string? Text, SearchFiltersRequest? Filters, int? K);
