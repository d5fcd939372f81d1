namespace SampleMind.Collaboration.Server;

/// <summary>
/// An op that undoes one client's op, rewritten to apply on the current revision.
/// Submit it with <c>Undoes = UndoesRevision</c> so that the next undo goes one step further back.
/// </summary>
/// <param name="Op">The undo op.</param>
/// <param name="BaseRevision">The revision it applies on (submit with this base).</param>
/// <param name="UndoesRevision">The revision of the op it undoes.</param>
public sealed record UndoProposal<TOp>(TOp Op, long BaseRevision, long UndoesRevision);
