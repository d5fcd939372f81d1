using System.Text.Json.Serialization;
using SampleMind.Grains.Ingest;
using SampleMind.Grains.Samples;
using SampleMind.Grains.Tenants;

namespace SampleMind.Grains;

/// <summary>Source-generated JSON for the grains' persisted state.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TenantState))]
[JsonSerializable(typeof(ApiKeyState))]
[JsonSerializable(typeof(IngestJobState))]
[JsonSerializable(typeof(JobIndexState))]
[JsonSerializable(typeof(IngestItemPayload))]
[JsonSerializable(typeof(SampleState))]
public sealed partial class GrainStateJsonContext : JsonSerializerContext;
