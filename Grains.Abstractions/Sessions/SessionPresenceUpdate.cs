namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>A participant's new presence, broadcast to the others.</summary>
/// <param name="ClientId">Whose presence.</param>
/// <param name="Presence">The presence.</param>
public sealed record SessionPresenceUpdate(string ClientId, SessionPresence Presence);
