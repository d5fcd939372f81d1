namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>A connected participant.</summary>
/// <param name="ClientId">The connection's client id (one per browser tab or agent).</param>
/// <param name="KeyId">The API key it connected with.</param>
/// <param name="Role">What it may do.</param>
/// <param name="Presence">Its last presence, if it sent one.</param>
/// <param name="JoinedAt">When it joined.</param>
public sealed record SessionParticipant(string ClientId, string KeyId, SessionRole Role, SessionPresence? Presence, DateTimeOffset JoinedAt);
