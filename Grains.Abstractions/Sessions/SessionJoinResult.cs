namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>The answer to a join: the role granted and what the client missed, or why it was refused.</summary>
/// <param name="Joined">True when the client is now a participant.</param>
/// <param name="Reason">Why not, when refused.</param>
/// <param name="Role">The role granted.</param>
/// <param name="CatchUp">The ops (or snapshot) after the client's last revision.</param>
/// <param name="Participants">Everyone connected, the new participant included.</param>
/// <param name="Presences">The others' last presence, for those who sent one.</param>
public sealed record SessionJoinResult(
    bool Joined,
    string? Reason,
    SessionRole Role,
    SessionCatchUp? CatchUp,
    IReadOnlyList<SessionParticipant> Participants,
    IReadOnlyList<SessionPresenceUpdate> Presences);
