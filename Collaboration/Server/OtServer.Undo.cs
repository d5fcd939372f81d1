namespace SampleMind.Collaboration.Server;

public sealed partial class OtServer<TDoc, TOp>
{
    /// <summary>
    /// Per-user undo: the inverse of <paramref name="clientId"/>'s most recent op that is not yet undone
    /// (and is not itself an undo; a redo counts as the user's op), transformed over every op
    /// committed after it, so that it removes only that user's change. An op whose inverse comes out empty (others
    /// replaced or removed all it changed since) is passed over for the one before it, so that undo never commits a
    /// change of nothing. Null when the user has nothing left to undo in the retained log, or when
    /// <see cref="OtServerOptions.TrackUndo"/> is off. Submitting the proposal (with <see cref="Submission{TOp}.Undoes"/>
    /// set) marks the op undone.
    /// </summary>
    public UndoProposal<TOp>? UndoFor(string clientId)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        for (var i = _log.Count - 1; i >= 0; i--)
        {
            var entry = _log[i];
            if (entry.Inverse is null || entry.Undone || entry.Undoes is not null
                || !string.Equals(entry.Owner, clientId, StringComparison.Ordinal))
            {
                continue;
            }

            if (InverseAtHead(i) is { } op)
            {
                return new UndoProposal<TOp>(op, Revision, entry.Committed.Revision);
            }
        }

        return null;
    }

    /// <summary>
    /// Per-user redo: the inverse of <paramref name="clientId"/>'s most recent undo that is not yet
    /// redone, transformed over every op committed after it, so that it brings back only that user's
    /// change. Null when there is nothing to redo: no undo in the retained log, or the user made a
    /// new edit since their last undo (a new edit clears the redo history, as in an editor). An undo whose inverse comes
    /// out empty is passed over for the one before it, as in <see cref="UndoFor"/>.
    /// Submitting the proposal (with <see cref="Submission{TOp}.Redoes"/> set) marks the undo redone;
    /// the redo is the user's op again, so undo takes it back.
    /// </summary>
    public RedoProposal<TOp>? RedoFor(string clientId)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        for (var i = _log.Count - 1; i >= 0; i--)
        {
            var entry = _log[i];
            if (!string.Equals(entry.Owner, clientId, StringComparison.Ordinal))
            {
                continue;
            }

            if (entry.Undoes is null && entry.Redoes is null)
            {
                return null;
            }

            if (entry.Undoes is not null && !entry.Redone && entry.Inverse is not null && InverseAtHead(i) is { } op)
            {
                return new RedoProposal<TOp>(op, Revision, entry.Committed.Revision);
            }
        }

        return null;
    }

    /// <summary>
    /// The inverse of log entry <paramref name="index"/> transformed over everything committed after it, or null when
    /// nothing of it is left. It yields every conflict to another user's later ops
    /// (<see cref="IOtType{TDoc, TOp}.TransformInverse"/>), but wins those with its own user's (an op of theirs undone
    /// since, their undos and redos: the steps back and forth through their own history), taking the later side as a
    /// concurrent op would: a second undo of two sets of one field brings back the value before the first, where the
    /// first undo's set, committed later, would otherwise keep the value between them.
    /// </summary>
    private TOp? InverseAtHead(int index)
    {
        var owner = _log[index].Owner;
        var op = _log[index].Inverse!;
        for (var j = index + 1; j < _log.Count && !_type.IsNoop(op); j++)
        {
            var later = _log[j];
            op = string.Equals(later.Owner, owner, StringComparison.Ordinal)
                ? _type.Transform(op, later.Committed.Op, Side.Right)
                : _type.TransformInverse(op, later.Committed.Op);
        }

        return _type.IsNoop(op) ? null : op;
    }

    /// <summary>Who owns an op about to be committed: the owner of what it undoes or redoes, else its author.</summary>
    private string OwnerOf(string clientId, long? undoes, long? redoes) =>
        IndexOf(undoes ?? redoes) is { } index ? _log[index].Owner : clientId;

    private void MarkUndone(long? revision) => Mark(revision, redo: false);

    private void MarkRedone(long? revision) => Mark(revision, redo: true);

    private void Mark(long? revision, bool redo)
    {
        if (IndexOf(revision) is not { } index)
        {
            return;
        }

        var entry = _log[index];
        if (redo)
        {
            entry.Redone = true;
        }
        else
        {
            entry.Undone = true;
        }

        _log[index] = entry;
    }

    private int? IndexOf(long? revision) =>
        revision is { } r && r > _logStart && r <= Revision ? (int)(r - _logStart - 1) : null;
}
