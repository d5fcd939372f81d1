using System.Text.Json.Serialization;
using SampleMind.Search;
using SampleMind.Search.Filters;

namespace SampleMind.Grains.Abstractions.Search;

/// <summary>Source-generated JSON for the records the search grains exchange.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(LibrarySearchQuery))]
[JsonSerializable(typeof(SimilarQuery))]
[JsonSerializable(typeof(SampleFilter))]
[JsonSerializable(typeof(SearchHit))]
[JsonSerializable(typeof(IReadOnlyList<SearchHit>))]
public sealed partial class SearchGrainsJsonContext : JsonSerializerContext;
