using SampleMind.Search.Filters;

namespace SampleMind.Grains.Abstractions.Search;

/// <summary>A search in one library: a text query (see docs/search-query-language.md), hard filters and a count.</summary>
/// <param name="Text">The query text; null or empty searches by filters only.</param>
/// <param name="Filter">Hard conditions; the text's conditions override them.</param>
/// <param name="K">How many hits.</param>
public sealed record LibrarySearchQuery(string? Text, SampleFilter? Filter, int K);
