namespace SampleMind.Collaboration.Server;

/// <summary>
/// An op that redoes one client's undone change (the inverse of their undo), rewritten to apply on
/// the current revision. Submit it with <c>Redoes = RedoesRevision</c> so that the next redo goes one
/// step further.
/// </summary>
/// <param name="Op">The redo op.</param>
/// <param name="BaseRevision">The revision it applies on (submit with this base).</param>
/// <param name="RedoesRevision">The revision of the undo it redoes.</param>
public sealed record RedoProposal<TOp>(TOp Op, long BaseRevision, long RedoesRevision);
