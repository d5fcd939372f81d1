namespace SampleMind.Collaboration.Server;

/// <summary>The server's answer to one submission.</summary>
/// <param name="Status">Committed, duplicate or rejected.</param>
/// <param name="Revision">The revision of the committed op (for a duplicate, the revision it got the first time); the current revision when rejected.</param>
/// <param name="Committed">The committed op to broadcast; for a duplicate, the original when still in the log.</param>
/// <param name="Reason">Why it was rejected.</param>
public readonly record struct SubmitResult<TOp>(SubmitStatus Status, long Revision, CommittedOp<TOp>? Committed, string? Reason)
{
    /// <summary>True for committed and duplicate: the client may treat its op as acknowledged.</summary>
    public bool IsAcknowledged => Status != SubmitStatus.Rejected;
}
