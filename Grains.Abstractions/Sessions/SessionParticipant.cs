namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>A connected participant (its presence travels apart, in <see cref="SessionPresenceUpdate"/>s).</summary>
/// <param name="ClientId">The connection's client id (one per browser tab or agent).</param>
/// <param name="KeyId">The API key it connected with.</param>
/// <param name="Role">What it may do.</param>
/// <param name="JoinedAt">When it joined.</param>
public sealed record SessionParticipant(string ClientId, string KeyId, SessionRole Role, DateTimeOffset JoinedAt);
