using System.Text.Json.Serialization;

namespace SampleMind.Audio;

/// <summary>System.Text.Json source-generated metadata for the analysis records (camelCase, enums as strings).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SampleAnalysis))]
[JsonSerializable(typeof(FingerprintMatch))]
public sealed partial class AudioJsonContext : JsonSerializerContext;
