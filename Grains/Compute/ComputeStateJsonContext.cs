using System.Text.Json.Serialization;

namespace SampleMind.Grains.Compute;

/// <summary>Source-generated JSON for the compute grains' state.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ComputeRequestState))]
public sealed partial class ComputeStateJsonContext : JsonSerializerContext;
