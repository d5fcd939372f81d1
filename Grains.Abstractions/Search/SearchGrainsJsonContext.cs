using System.Text.Json.Serialization;
using SampleMind.Search;
using SampleMind.Search.Filters;
using SampleMind.Search.Recommendations;

namespace SampleMind.Grains.Abstractions.Search;

/// <summary>Source-generated JSON for the records the search grains exchange.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(LibrarySearchQuery))]
[JsonSerializable(typeof(SimilarQuery))]
[JsonSerializable(typeof(HumQuery))]
[JsonSerializable(typeof(SampleFilter))]
[JsonSerializable(typeof(SearchHit))]
[JsonSerializable(typeof(IReadOnlyList<SearchHit>))]
[JsonSerializable(typeof(RecommendQuery))]
[JsonSerializable(typeof(ProjectContext))]
[JsonSerializable(typeof(Recommendation))]
[JsonSerializable(typeof(IReadOnlyList<Recommendation>))]
public sealed partial class SearchGrainsJsonContext : JsonSerializerContext;
