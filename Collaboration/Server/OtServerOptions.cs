namespace SampleMind.Collaboration.Server;

/// <summary>Tuning of <see cref="OtServer{TDoc, TOp}"/>.</summary>
public sealed class OtServerOptions
{
    /// <summary>
    /// Take a snapshot every this many committed ops (a copy of the document: persist it with the log
    /// tail after it). 0 turns snapshots off, and with them the trimming of the log. Default 1,000.
    /// </summary>
    public int SnapshotInterval { get; set; } = 1_000;

    /// <summary>
    /// Keep at least this many recent ops in memory (clients further behind get "too far behind" and
    /// load a snapshot); the log also reaches back to the latest snapshot, unless the owner forgets older ops
    /// (<see cref="OtServer{TDoc, TOp}.ForgetOpsUpTo"/>, e.g. to bound their size). Default 10,000.
    /// </summary>
    public int RetainedOps { get; set; } = 10_000;

    /// <summary>How concurrent ops that tie are ordered; clients must use the same rule. Default <see cref="TieBreak.ServerOrder"/>.</summary>
    public TieBreak TieBreak { get; set; } = TieBreak.ServerOrder;

    /// <summary>Record the inverse of each op at commit, which per-user undo needs. Default true.</summary>
    public bool TrackUndo { get; set; } = true;
}
