using System.Text.Json.Serialization;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Libraries;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Grains.Abstractions;

/// <summary>
/// Source-generated JSON for every record that crosses a grain boundary (copied by the runtime)
/// or is stored (catalogue rows).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TenantInfo))]
[JsonSerializable(typeof(TenantPlan))]
[JsonSerializable(typeof(ApiKeyInfo))]
[JsonSerializable(typeof(IssuedApiKey))]
[JsonSerializable(typeof(ApiKeyRecord))]
[JsonSerializable(typeof(KeyVerification))]
[JsonSerializable(typeof(KeyRevocation))]
[JsonSerializable(typeof(QuotaGrant))]
[JsonSerializable(typeof(UsageReport))]
[JsonSerializable(typeof(IReadOnlyList<ApiKeyInfo>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IngestJobSpec))]
[JsonSerializable(typeof(JobStatus))]
[JsonSerializable(typeof(JobState))]
[JsonSerializable(typeof(JobIndexView))]
[JsonSerializable(typeof(ItemFailure))]
[JsonSerializable(typeof(JobResultRow))]
[JsonSerializable(typeof(SampleRecord))]
[JsonSerializable(typeof(SampleSummary))]
[JsonSerializable(typeof(SampleQuery))]
[JsonSerializable(typeof(SamplePage))]
public sealed partial class GrainsJsonContext : JsonSerializerContext;
