using System.Text.Json.Serialization;

namespace SampleMind.Grains.Search;

/// <summary>Source-generated JSON for the search grains' persisted state.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(LibraryState))]
[JsonSerializable(typeof(LibraryEntry))]
[JsonSerializable(typeof(TenantLibrariesState))]
public sealed partial class SearchStateJsonContext : JsonSerializerContext;
