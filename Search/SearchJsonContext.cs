using System.Text.Json.Serialization;
using SampleMind.Search.Filters;
using SampleMind.Search.Humming;
using SampleMind.Search.Recommendations;
using SampleMind.Search.Text;

namespace SampleMind.Search;

/// <summary>
/// System.Text.Json source-generated metadata for the records search exchanges with grains and the API
/// (enums as strings, camelCase).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SearchHit))]
[JsonSerializable(typeof(IReadOnlyList<SearchHit>))]
[JsonSerializable(typeof(SearchRequest))]
[JsonSerializable(typeof(SampleFilter))]
[JsonSerializable(typeof(SampleFeatures))]
[JsonSerializable(typeof(IReadOnlyList<SampleFeatures>))]
[JsonSerializable(typeof(CamelotKey))]
[JsonSerializable(typeof(TextQuery))]
[JsonSerializable(typeof(Recommendation))]
[JsonSerializable(typeof(IReadOnlyList<Recommendation>))]
[JsonSerializable(typeof(ProjectContext))]
[JsonSerializable(typeof(PitchContour))]
[JsonSerializable(typeof(MelodyMatch))]
[JsonSerializable(typeof(IReadOnlyList<MelodyMatch>))]
public sealed partial class SearchJsonContext : JsonSerializerContext;
