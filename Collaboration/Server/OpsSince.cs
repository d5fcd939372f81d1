namespace SampleMind.Collaboration.Server;

/// <summary>
/// Answer to <see cref="OtServer{TDoc, TOp}.GetOpsSince"/>: the ops after a revision, or, when that
/// revision is older than the retained log, <see cref="TooFarBehind"/> (load a snapshot instead).
/// </summary>
/// <param name="TooFarBehind">True when the log no longer reaches back to the asked revision.</param>
/// <param name="Revision">The server's current revision.</param>
/// <param name="Ops">The ops in revision order (empty when too far behind).</param>
public sealed record OpsSince<TOp>(bool TooFarBehind, long Revision, IReadOnlyList<CommittedOp<TOp>> Ops);
