using System.Text.Json.Serialization;

namespace SampleMind.Grains.Abstractions.Compute;

/// <summary>Source-generated JSON for the compute contracts that cross grain boundaries.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ComputeRequest))]
[JsonSerializable(typeof(ComputeStatus))]
[JsonSerializable(typeof(ComputeSubmission))]
[JsonSerializable(typeof(ComputeFile))]
[JsonSerializable(typeof(IReadOnlyList<ComputeFile>))]
[JsonSerializable(typeof(GpuSiloStats))]
[JsonSerializable(typeof(IReadOnlyList<GpuSiloStats>))]
[JsonSerializable(typeof(string))]
public sealed partial class ComputeJsonContext : JsonSerializerContext;
