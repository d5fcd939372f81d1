namespace SampleMind.Collaboration.Server;

public sealed partial class OtServer<TDoc, TOp>
{
    /// <summary>
    /// Per-user undo: the inverse of <paramref name="clientId"/>'s most recent op that is not yet undone
    /// (and is not itself an undo), transformed over every op committed after it, so that it removes
    /// only that user's change. Null when the user has nothing to undo in the retained log, or when
    /// <see cref="OtServerOptions.TrackUndo"/> is off. Submitting the proposal (with
    /// <see cref="Submission{TOp}.Undoes"/> set) marks the op undone.
    /// </summary>
    public UndoProposal<TOp>? UndoFor(string clientId)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        for (var i = _log.Count - 1; i >= 0; i--)
        {
            var entry = _log[i];
            if (entry.Inverse is null || entry.Undone || entry.Undoes is not null
                || !string.Equals(entry.Committed.ClientId, clientId, StringComparison.Ordinal))
            {
                continue;
            }

            var op = entry.Inverse;
            for (var j = i + 1; j < _log.Count; j++)
            {
                var later = _log[j].Committed;
                op = _type.Transform(op, later.Op, TieBreaks.LaterSide(_options.TieBreak, clientId, later.ClientId));
            }

            return new UndoProposal<TOp>(op, Revision, entry.Committed.Revision);
        }

        return null;
    }

    private void MarkUndone(long? revision)
    {
        if (revision is not { } r || r <= _logStart || r > Revision)
        {
            return;
        }

        var index = (int)(r - _logStart - 1);
        var entry = _log[index];
        entry.Undone = true;
        _log[index] = entry;
    }
}
