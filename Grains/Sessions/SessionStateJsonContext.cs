using System.Text.Json.Serialization;

namespace SampleMind.Grains.Sessions;

/// <summary>Source-generated JSON for the session grain's persisted state.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SessionState))]
[JsonSerializable(typeof(SessionLogState))]
[JsonSerializable(typeof(SessionArchiveState))]
[JsonSerializable(typeof(TenantSessionsState))]
internal sealed partial class SessionStateJsonContext : JsonSerializerContext;
