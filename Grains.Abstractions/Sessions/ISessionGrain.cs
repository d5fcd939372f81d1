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
    /// Closes the session for good: every connected participant is told (<see cref="ISessionObserver.OnClosed"/>) and
    /// dropped, later joins, ops, undos and redos are refused, its document and history can still be read, and it no
    /// longer counts among its tenant's live sessions (<see cref="ITenantSessionsGrain"/>). Closing it again changes
    /// nothing (and counts it out again, should that have failed). Null when it was never created.
    /// </summary>
    Task<SessionInfo?> Close();

    /// <summary>
    /// Closes the session as <see cref="Close"/> does when it has been idle for longer than <paramref name="idleFor"/>
    /// (by this silo's clock): no participant connected, and no op, undo, redo, join or leave since
    /// (<see cref="SessionInfo.LastActiveAt"/>). Checked in the session's turn, so a join or an op cannot slip in between
    /// the check and the close. Returns the closed session (also one closed before, whose tenant is told again), or null
    /// when it is not idle that long or was never created.
    /// </summary>
    Task<SessionInfo?> CloseIfIdle(TimeSpan idleFor);

    /// <summary>
    /// Adds participant <paramref name="clientId"/>, whose pushes go to <paramref name="observer"/>, and returns what it
    /// missed after <paramref name="lastRevision"/> (negative: it has nothing, send a snapshot). A client id belongs to
    /// the key that first joined with it (for the session's life): another key is refused it; the same key takes it over
    /// from a connection still joined with it, which is told (<see cref="ISessionObserver.OnTakenOver"/>) and from then
    /// on refused. A join that would pass <see cref="SessionLimits.MaxParticipants"/> is refused. The owner key gets
    /// <see cref="SessionRole.Owner"/> unless it asks to view; others get the role they ask for, owner excepted.
    /// </summary>
    Task<SessionJoinResult> Join(string clientId, string keyId, SessionRole role, ISessionObserver observer, long lastRevision);

    /// <summary>Keeps the session active for a connected participant; false when it is not (re)joined with this observer.</summary>
    Task<bool> KeepAlive(string clientId, ISessionObserver observer);

    /// <summary>Removes the participant if it is still connected through <paramref name="observer"/>.</summary>
    Task Leave(string clientId, ISessionObserver observer);

    /// <summary>
    /// Submits an op (JSON) made on <paramref name="baseRevision"/> by the participant joined through
    /// <paramref name="observer"/>; a resend with the same sequence number is a duplicate.
    /// </summary>
    Task<SessionSubmitResult> Submit(string clientId, ISessionObserver observer, long clientSeq, long baseRevision, string op);

    /// <summary>The ops after <paramref name="revision"/>, or the current document when that is too far back.</summary>
    Task<SessionCatchUp> GetSince(long revision);

    /// <summary>The document at <paramref name="revision"/> (current when null); null when that revision is not retained or not reached.</summary>
    Task<SessionSnapshot?> GetSnapshot(long? revision);

    /// <summary>The committed ops with revisions in (<paramref name="from"/>, <paramref name="to"/>].</summary>
    Task<SessionHistory> GetHistory(long from, long to);

    /// <summary>
    /// Commits the undo of <paramref name="clientId"/>'s latest op not yet undone (authored by <c>{clientId}/undo</c>).
    /// <paramref name="observer"/>: the participant's connection asking (refused once taken over), or null for a REST call,
    /// whose <paramref name="keyId"/> must be the key the client id belongs to (null with an observer).
    /// </summary>
    Task<SessionSubmitResult> UndoFor(string clientId, ISessionObserver? observer, string? keyId);

    /// <summary>
    /// Commits the redo of <paramref name="clientId"/>'s latest undo not yet redone (authored by
    /// <c>{clientId}/redo</c>); rejected when there is none, or the client edited since that undo.
    /// <paramref name="observer"/> and <paramref name="keyId"/> as for <see cref="UndoFor"/>.
    /// </summary>
    Task<SessionSubmitResult> RedoFor(string clientId, ISessionObserver? observer, string? keyId);

    /// <summary>Records a participant's presence and pushes it to the others; ignored unless joined through <paramref name="observer"/>.</summary>
    Task UpdatePresence(string clientId, ISessionObserver observer, SessionPresence presence);

    /// <summary>Pushes a chat line to every participant; ignored unless joined through <paramref name="observer"/>.</summary>
    Task Chat(string clientId, ISessionObserver observer, string text);
}
