namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>
/// What a client missed after a revision: the ops after it, or, when it is older than the retained
/// log (or unknown), a <see cref="Snapshot"/> of the current document and no ops.
/// </summary>
/// <param name="Revision">The session's current revision.</param>
/// <param name="Snapshot">The current document when the client is too far behind; null otherwise.</param>
/// <param name="Ops">The missed ops in revision order (empty with a snapshot).</param>
public sealed record SessionCatchUp(long Revision, SessionSnapshot? Snapshot, IReadOnlyList<SessionOp> Ops);
