using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>
/// A live collaboration session on one project document (key: session id). It runs the OT server,
/// persists each committed op before acknowledging it (snapshot plus the ops after it), and pushes
/// ops, presence and chat to the participants' observers. Ops travel as JSON text (<see cref="SessionOp"/>).
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Creates the session with an empty project (idempotent: an existing session is returned as it is).</summary>
    Task<SessionInfo> Create(string tenantId, string libraryId, string ownerKeyId);

    /// <summary>The session's facts and participants; null when it was never created.</summary>
    Task<SessionInfo?> GetInfo();

    /// <summary>
    /// Adds (or replaces) participant <paramref name="clientId"/>, whose pushes go to <paramref name="observer"/>,
    /// and returns what it missed after <paramref name="lastRevision"/> (negative: it has nothing, send a snapshot).
    /// The owner key gets <see cref="SessionRole.Owner"/> unless it asks to view; others get the role they ask for, owner excepted.
    /// </summary>
    Task<SessionJoinResult> Join(string clientId, string keyId, SessionRole role, ISessionObserver observer, long lastRevision);

    /// <summary>Keeps the session active for a connected participant; false when it is not (re)joined with this observer.</summary>
    Task<bool> KeepAlive(string clientId, ISessionObserver observer);

    /// <summary>Removes the participant if it is still connected through <paramref name="observer"/>.</summary>
    Task Leave(string clientId, ISessionObserver observer);

    /// <summary>Submits an op (JSON) made on <paramref name="baseRevision"/>; a resend with the same sequence number is a duplicate.</summary>
    Task<SessionSubmitResult> Submit(string clientId, long clientSeq, long baseRevision, string op);

    /// <summary>The ops after <paramref name="revision"/>, or the current document when that is too far back.</summary>
    Task<SessionCatchUp> GetSince(long revision);

    /// <summary>The document at <paramref name="revision"/> (current when null); null when that revision is not retained or not reached.</summary>
    Task<SessionSnapshot?> GetSnapshot(long? revision);

    /// <summary>The committed ops with revisions in (<paramref name="from"/>, <paramref name="to"/>].</summary>
    Task<SessionHistory> GetHistory(long from, long to);

    /// <summary>Commits the undo of <paramref name="clientId"/>'s latest op not yet undone (authored by <c>{clientId}/undo</c>).</summary>
    Task<SessionSubmitResult> UndoFor(string clientId);

    /// <summary>
    /// Commits the redo of <paramref name="clientId"/>'s latest undo not yet redone (authored by
    /// <c>{clientId}/redo</c>); rejected when there is none, or the client edited since that undo.
    /// </summary>
    Task<SessionSubmitResult> RedoFor(string clientId);

    /// <summary>Records a participant's presence and pushes it to the others.</summary>
    Task UpdatePresence(string clientId, SessionPresence presence);

    /// <summary>Pushes a chat line to every participant.</summary>
    Task Chat(string clientId, string text);
}
