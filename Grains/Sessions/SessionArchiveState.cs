using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;

namespace SampleMind.Grains.Sessions;

/// <summary>
/// The committed ops before those in <see cref="SessionLogState"/>: the log's ops cut at each snapshot are moved here
/// (the latest <see cref="SessionGrain.RetainedOps"/> of them, at most <see cref="SessionGrain.ArchiveBytes"/> of JSON),
/// written once per snapshot rather than with each op. A session restored from storage keeps them, so that a client
/// that was that far behind when the session moved still catches up with ops, and its unacknowledged edits are rebased
/// over them instead of dropped.
/// </summary>
public sealed class SessionArchiveState
{
    public List<CommittedOp<ProjectOperation>> Ops { get; set; } = [];
}
