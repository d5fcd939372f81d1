namespace SampleMind.Collaboration.Server;

/// <summary>Resends: an op under a sequence number the client already used.</summary>
public sealed partial class OtServer<TDoc, TOp>
{
    /// <summary>Whether <paramref name="clientSeq"/> of <paramref name="clientId"/> is an op already committed (a resend).</summary>
    public bool IsResend(string clientId, long clientSeq) => _clients.TryGetValue(clientId, out var cursor) && clientSeq <= cursor.LastSeq;

    /// <summary>
    /// The revision that committed <paramref name="clientSeq"/> of <paramref name="clientId"/> while the log retains it,
    /// else -1 (not a resend, or its op left the log).
    /// </summary>
    public long RetainedRevisionOf(string clientId, long clientSeq)
    {
        if (!_clients.TryGetValue(clientId, out var cursor) || clientSeq > cursor.LastSeq)
        {
            return -1;
        }

        var revision = clientSeq == cursor.LastSeq ? cursor.LastRevision : FindRevision(clientId, clientSeq);
        return revision > _logStart ? revision : -1;
    }

    /// <summary>
    /// A sequence number at or below the client's last one: a resend of a committed op, acknowledged with its revision;
    /// another op under a number already used (a reloaded client that started over at 1), which is refused, as its
    /// change would be lost under an acknowledgement; or, when the log holds no op of that number, one the client skipped
    /// (or whose op left the log), which is refused: sequence numbers only go up, and there is no revision to acknowledge.
    /// </summary>
    private SubmitResult<TOp> Duplicate(Submission<TOp> submission, ClientCursor cursor)
    {
        var revision = submission.ClientSeq == cursor.LastSeq ? cursor.LastRevision : FindRevision(submission.ClientId, submission.ClientSeq);
        if (revision < 0)
        {
            return new SubmitResult<TOp>(SubmitStatus.Rejected, Revision, null,
                $"clientSeq {submission.ClientSeq} is below this client's last committed clientSeq {cursor.LastSeq} and no retained op has it: sequence numbers only go up");
        }

        CommittedOp<TOp>? original = revision > _logStart && revision <= Revision
            ? _log[(int)(revision - _logStart - 1)].Committed
            : null;
        if (original is { } committed && !IsResendOf(submission, committed))
        {
            return new SubmitResult<TOp>(SubmitStatus.Rejected, Revision, null,
                $"clientSeq {submission.ClientSeq} was already used for another op (committed as revision {revision}): " +
                $"continue from clientSeq {cursor.LastSeq + 1}, after this client's last acknowledged one, or reconnect with a fresh client id");
        }

        return new SubmitResult<TOp>(SubmitStatus.Duplicate, revision, original, null);
    }

    /// <summary>
    /// Whether <paramref name="submission"/> is the same op on the same base revision as <paramref name="committed"/>:
    /// rebased as it was the first time, it gives the committed op. One whose base revision left the retained log cannot
    /// be compared and is taken as a resend.
    /// </summary>
    private bool IsResendOf(Submission<TOp> submission, CommittedOp<TOp> committed)
    {
        if (submission.BaseRevision >= committed.Revision || submission.BaseRevision < 0)
        {
            return false;
        }

        if (submission.BaseRevision < _logStart)
        {
            return true;
        }

        if (!_type.TryValidateStructure(submission.Op, out _))
        {
            return false;
        }

        var op = submission.Op;
        try
        {
            for (var i = (int)(submission.BaseRevision - _logStart); i < committed.Revision - 1 - _logStart; i++)
            {
                var earlier = _log[i].Committed;
                op = _type.Transform(op, earlier.Op, TieBreaks.LaterSide(_options.TieBreak, submission.ClientId, earlier.ClientId));
            }
        }
        catch (OperationMismatchException)
        {
            return false;
        }

        return _type.AreEqual(op, committed.Op);
    }

    private long FindRevision(string clientId, long clientSeq)
    {
        for (var i = _log.Count - 1; i >= 0; i--)
        {
            var c = _log[i].Committed;
            if (c.ClientSeq == clientSeq && string.Equals(c.ClientId, clientId, StringComparison.Ordinal))
            {
                return c.Revision;
            }
        }

        return -1;
    }
}
