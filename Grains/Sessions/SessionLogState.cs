using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;

namespace SampleMind.Grains.Sessions;

/// <summary>
/// The append-only tail of a session's op log: the committed ops after the previous snapshot in
/// <see cref="SessionState"/>, written before each op is acknowledged and cut at each snapshot,
/// so it never holds more than two snapshot intervals of ops.
/// </summary>
public sealed class SessionLogState
{
    public List<CommittedOp<ProjectOperation>> Ops { get; set; } = [];

    /// <summary>When the latest op, undo or redo was committed (null before the first): a session's activity with <see cref="SessionState.LastActiveAt"/>.</summary>
    public DateTimeOffset? LastCommittedAt { get; set; }
}
