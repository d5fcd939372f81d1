using System.Text.Json.Serialization;

namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>Source-generated JSON for the session records that cross grain boundaries.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SessionInfo))]
[JsonSerializable(typeof(SessionParticipant))]
[JsonSerializable(typeof(SessionPresence))]
[JsonSerializable(typeof(SessionPresenceUpdate))]
[JsonSerializable(typeof(SessionChat))]
[JsonSerializable(typeof(SessionOp))]
[JsonSerializable(typeof(SessionSnapshot))]
[JsonSerializable(typeof(SessionCatchUp))]
[JsonSerializable(typeof(SessionJoinResult))]
[JsonSerializable(typeof(SessionSubmitResult))]
[JsonSerializable(typeof(SessionHistory))]
[JsonSerializable(typeof(IReadOnlyList<SessionParticipant>))]
[JsonSerializable(typeof(LiveSessionReport))]
[JsonSerializable(typeof(SessionListing))]
[JsonSerializable(typeof(IReadOnlyList<SessionListing>))]
[JsonSerializable(typeof(IReadOnlyList<LiveSessionView>))]
public sealed partial class SessionsJsonContext : JsonSerializerContext;
