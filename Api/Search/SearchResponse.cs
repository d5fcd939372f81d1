using SampleMind.Search;

namespace SampleMind.Api.Search;

/// <summary>Ranked hits, best first; each says why it ranks where it does.</summary>
internal sealed record SearchResponse(IReadOnlyList<SearchHit> Hits);
