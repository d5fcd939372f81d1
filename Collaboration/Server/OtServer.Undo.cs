namespace SampleMind.Collaboration.Server;

public sealed partial class OtServer<TDoc, TOp>
{
    /// <summary>
    /// Per-user undo: the inverse of <paramref name="clientId"/>'s most recent op that is not yet undone
    /// (and is not itself an undo; a redo counts as the user's op), transformed over every op
    /// committed after it, so that it removes only that user's change. Null when the user has
    /// nothing to undo in the retained log, or when <see cref="OtServerOptions.TrackUndo"/> is off.
    /// Submitting the proposal (with <see cref="Submission{TOp}.Undoes"/> set) marks the op undone.
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

            return new UndoProposal<TOp>(InverseAtHead(i), Revision, entry.Committed.Revision);
        }

        return null;
    }

    /// <summary>
    /// Per-user redo: the inverse of <paramref name="clientId"/>'s most recent undo that is not yet
    /// redone, transformed over every op committed after it, so that it brings back only that user's
    /// change. Null when there is nothing to redo: no undo in the retained log, or the user made a
    /// new edit since their last undo (a new edit clears the redo history, as in an editor).
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

            if (entry.Undoes is not null && !entry.Redone && entry.Inverse is not null)
            {
                return new RedoProposal<TOp>(InverseAtHead(i), Revision, entry.Committed.Revision);
            }
        }

        return null;
    }

    /// <summary>
    /// The inverse of log entry <paramref name="index"/> transformed over everything committed after it, yielding every
    /// conflict to the later ops (<see cref="IOtType{TDoc, TOp}.TransformInverse"/>).
    /// </summary>
    private TOp InverseAtHead(int index)
    {
        var op = _log[index].Inverse!;
        for (var j = index + 1; j < _log.Count; j++)
        {
            op = _type.TransformInverse(op, _log[j].Committed.Op);
        }

        return op;
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
