namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>What happened to a submitted op.</summary>
public enum SessionSubmitStatus
{
    /// <summary>Applied, persisted and broadcast with a new revision.</summary>
    Committed,

    /// <summary>Already committed (same client id and sequence number): acknowledged, not applied again.</summary>
    Duplicate,

    /// <summary>Refused (malformed, does not apply, viewer); the document is unchanged.</summary>
    Rejected,

    /// <summary>
    /// The session does not know this client (never joined, or the session was reactivated, e.g. on
    /// another silo, since it joined); nothing was applied. The client rejoins with hello and resends.
    /// </summary>
    NotJoined,

    /// <summary>
    /// Another connection of the same key took this client id over: nothing was applied, and nothing more is taken from
    /// this connection (the client is not to resend from it).
    /// </summary>
    TakenOver,
}
