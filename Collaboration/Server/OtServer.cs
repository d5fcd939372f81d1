namespace SampleMind.Collaboration.Server;

/// <summary>
/// The central OT algorithm of one session: the current document, its revision, the log of committed
/// ops and a snapshot every <see cref="OtServerOptions.SnapshotInterval"/> ops. Not thread-safe: the
/// owner (a grain activation) calls it one turn at a time.
/// </summary>
/// <remarks>
/// An op submitted on base revision <c>r</c> is transformed over every op committed after <c>r</c>,
/// with <see cref="Side.Right"/> (committed ops come first in server order), validated against the
/// current document, applied, stamped with the next revision and appended to the log.
/// </remarks>
public sealed partial class OtServer<TDoc, TOp>
    where TOp : class
{
    private readonly IOtType<TDoc, TOp> _type;
    private readonly OtServerOptions _options;
    private readonly Dictionary<string, ClientCursor> _clients;
    private readonly List<LogEntry<TOp>> _log = [];
    private TDoc _document;
    private long _logStart;

    /// <summary>A server at revision 0 holding <paramref name="document"/> (the server takes ownership of it).</summary>
    public OtServer(IOtType<TDoc, TOp> type, TDoc document, OtServerOptions? options = null)
        : this(type, new OtSnapshot<TDoc>(0, document, new Dictionary<string, ClientCursor>()), options)
    {
    }

    private OtServer(IOtType<TDoc, TOp> type, OtSnapshot<TDoc> snapshot, OtServerOptions? options)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(snapshot);
        _type = type;
        _options = options ?? new OtServerOptions();
        _document = type.Clone(snapshot.Document);
        Revision = snapshot.Revision;
        _logStart = snapshot.Revision;
        _clients = new Dictionary<string, ClientCursor>(snapshot.Clients, StringComparer.Ordinal);
        LatestSnapshot = snapshot with { Document = type.Clone(snapshot.Document) };
    }

    /// <summary>The revision of the current document (0 before the first op).</summary>
    public long Revision { get; private set; }

    /// <summary>The current document. Read it only; the server mutates it on each commit.</summary>
    public TDoc Document => _document;

    /// <summary>The oldest revision from which <see cref="GetOpsSince"/> can still answer.</summary>
    public long OldestRetainedRevision => _logStart;

    /// <summary>The latest periodic snapshot; with the ops after it, it restores the current state.</summary>
    public OtSnapshot<TDoc> LatestSnapshot { get; private set; }

    /// <summary>
    /// Rebuilds a server from a snapshot and the committed ops after it, in revision order. <paramref name="before"/>, the
    /// committed ops up to the snapshot's revision (in order, ending at it), are retained as well: ops made on an older
    /// base revision are rebased over them, and <see cref="GetOpsSince"/> answers from their start. They cannot be undone
    /// (their inverses depend on documents the snapshot does not hold). <paramref name="undoAuthors"/>, when given, names
    /// the undos and redos in the tail: it maps an op's author to the user whose undo (<c>Redo</c> false) or redo it is,
    /// or null for a plain edit. Each is marked as what <see cref="UndoFor"/> or <see cref="RedoFor"/> proposed at its
    /// revision (the same log gives the same proposal), so undo and redo go on after a restore as they would have;
    /// without it, the tail's undos and redos replay as plain edits of their authors.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The tail does not continue the snapshot, an op does not apply, or <paramref name="before"/> does not end at the snapshot.
    /// </exception>
    public static OtServer<TDoc, TOp> Restore(
        IOtType<TDoc, TOp> type,
        OtSnapshot<TDoc> snapshot,
        IEnumerable<CommittedOp<TOp>> tail,
        OtServerOptions? options = null,
        IReadOnlyList<CommittedOp<TOp>>? before = null,
        Func<string, (string User, bool Redo)?>? undoAuthors = null)
    {
        ArgumentNullException.ThrowIfNull(tail);
        var server = new OtServer<TDoc, TOp>(type, snapshot, options);
        if (before is { Count: > 0 })
        {
            for (var i = 0; i < before.Count; i++)
            {
                if (before[i].Revision != snapshot.Revision - before.Count + 1 + i)
                {
                    throw new InvalidOperationException($"the ops before the snapshot do not end at its revision {snapshot.Revision}");
                }

                server._log.Add(new LogEntry<TOp>(before[i], null, null, null, before[i].ClientId));
            }

            server._logStart = snapshot.Revision - before.Count;
        }

        foreach (var committed in tail)
        {
            server.Replay(committed, undoAuthors?.Invoke(committed.ClientId));
        }

        return server;
    }

    /// <summary>Submits one client op; see <see cref="Submit(Submission{TOp}, Func{TDoc, TOp, string})"/>.</summary>
    public SubmitResult<TOp> Submit(string clientId, long clientSeq, long baseRevision, TOp op) =>
        Submit(new Submission<TOp>(clientId, clientSeq, baseRevision, op));

    /// <summary>
    /// Transforms the op over what was committed since its base revision, validates, applies and logs it.
    /// A resend of an op already committed (same client id and sequence number, and the same op on the same base
    /// revision) is acknowledged with its original revision and not applied again; another op under a sequence number
    /// already used, or a lower sequence number that no retained op has, is rejected.
    /// <paramref name="refuse"/>, when given, sees the current document and the op as it would be applied, and
    /// refuses it by returning a reason (the owner's own bounds, e.g. on the document's size). A rejected op leaves
    /// the document unchanged.
    /// </summary>
    public SubmitResult<TOp> Submit(Submission<TOp> submission, Func<TDoc, TOp, string?>? refuse = null)
    {
        ArgumentNullException.ThrowIfNull(submission.ClientId);
        ArgumentNullException.ThrowIfNull(submission.Op);
        if (_clients.TryGetValue(submission.ClientId, out var cursor) && submission.ClientSeq <= cursor.LastSeq)
        {
            return Duplicate(submission, cursor);
        }

        if (!TryRebase(submission, out var op, out var reason) || !_type.TryValidate(_document, op, out reason))
        {
            return new SubmitResult<TOp>(SubmitStatus.Rejected, Revision, null, reason);
        }

        if (refuse?.Invoke(_document, op) is { } refused)
        {
            return new SubmitResult<TOp>(SubmitStatus.Rejected, Revision, null, refused);
        }

        var owner = OwnerOf(submission.ClientId, submission.Undoes, submission.Redoes);
        var committed = Commit(submission.ClientId, owner, submission.ClientSeq, op, submission.Undoes, submission.Redoes);
        return new SubmitResult<TOp>(SubmitStatus.Committed, committed.Revision, committed, null);
    }

    /// <summary>
    /// The committed ops after <paramref name="revision"/> (at most <paramref name="maxCount"/>, oldest first),
    /// or "too far behind" when the log no longer holds them.
    /// </summary>
    public OpsSince<TOp> GetOpsSince(long revision, int maxCount = int.MaxValue)
    {
        if (revision < _logStart || revision > Revision)
        {
            return new OpsSince<TOp>(revision < _logStart, Revision, []);
        }

        var from = (int)(revision - _logStart);
        var ops = new CommittedOp<TOp>[Math.Min(_log.Count - from, Math.Max(maxCount, 0))];
        for (var i = 0; i < ops.Length; i++)
        {
            ops[i] = _log[from + i].Committed;
        }

        return new OpsSince<TOp>(false, Revision, ops);
    }

    /// <summary>
    /// Makes the current state the <see cref="LatestSnapshot"/> now, before the next <see cref="OtServerOptions.SnapshotInterval"/>
    /// (e.g. when the ops since the last one grew large), and trims the log as a periodic snapshot does.
    /// </summary>
    public OtSnapshot<TDoc> TakeSnapshot()
    {
        LatestSnapshot = CaptureSnapshot();
        TrimLog();
        return LatestSnapshot;
    }

    /// <summary>
    /// Forgets the retained ops up to and including <paramref name="revision"/>, before <see cref="OtServerOptions.RetainedOps"/>
    /// would: <see cref="OldestRetainedRevision"/> moves to it, so catch-up, rebase and undo no longer reach them. The owner
    /// bounds its memory by the ops' size this way, which the server does not measure.
    /// </summary>
    public void ForgetOpsUpTo(long revision)
    {
        var drop = (int)Math.Clamp(revision - _logStart, 0, _log.Count);
        _log.RemoveRange(0, drop);
        _logStart += drop;
    }

    /// <summary>The ids of the clients whose last op the server remembers (to recognise a resend).</summary>
    public IEnumerable<string> KnownClients => _clients.Keys;

    /// <summary>
    /// Every client id the retained log names: as an op's author, or as the owner of an undo or redo. While an id is
    /// named there it must keep meaning the same client: catch-up shows those ops under it, and undo finds them by it.
    /// </summary>
    public IReadOnlySet<string> RetainedClients()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in _log)
        {
            ids.Add(entry.Committed.ClientId);
            ids.Add(entry.Owner);
        }

        return ids;
    }

    /// <summary>
    /// Forgets the last op of <paramref name="clientId"/>, so that the id can be used afresh from sequence number 1.
    /// Only for an id <see cref="RetainedClients"/> does not name: otherwise a resend of an op in the log would be
    /// committed again.
    /// </summary>
    public void ForgetClient(string clientId) => _clients.Remove(clientId);

    /// <summary>A snapshot of the current state (a copy of the document).</summary>
    public OtSnapshot<TDoc> CaptureSnapshot() =>
        new(Revision, _type.Clone(_document), new Dictionary<string, ClientCursor>(_clients, StringComparer.Ordinal));

    private bool TryRebase(Submission<TOp> submission, out TOp op, out string? reason)
    {
        op = submission.Op;
        reason = null;
        if (submission.BaseRevision > Revision || submission.BaseRevision < 0)
        {
            reason = $"base revision {submission.BaseRevision} is not between 0 and the current revision {Revision}";
            return false;
        }

        if (submission.BaseRevision < _logStart)
        {
            reason = $"base revision {submission.BaseRevision} is older than the retained log (from {_logStart}); resync from a snapshot";
            return false;
        }

        if (!_type.TryValidateStructure(op, out reason))
        {
            return false;
        }

        try
        {
            for (var i = (int)(submission.BaseRevision - _logStart); i < _log.Count; i++)
            {
                var committed = _log[i].Committed;
                op = _type.Transform(op, committed.Op, TieBreaks.LaterSide(_options.TieBreak, submission.ClientId, committed.ClientId));
            }
        }
        catch (OperationMismatchException e)
        {
            reason = $"op does not fit revision {submission.BaseRevision}: {e.Message}";
            return false;
        }

        return true;
    }

    private CommittedOp<TOp> Commit(string clientId, string owner, long clientSeq, TOp op, long? undoes, long? redoes)
    {
        var inverse = _options.TrackUndo ? _type.Invert(op, _document) : null;
        _type.Apply(_document, op);
        Revision++;
        var committed = new CommittedOp<TOp>(Revision, clientId, clientSeq, op);
        _log.Add(new LogEntry<TOp>(committed, inverse, undoes, redoes, owner));
        _clients[clientId] = new ClientCursor(clientSeq, Revision);
        MarkUndone(undoes);
        MarkRedone(redoes);
        if (_options.SnapshotInterval > 0 && Revision % _options.SnapshotInterval == 0)
        {
            LatestSnapshot = CaptureSnapshot();
            TrimLog();
        }

        return committed;
    }

    /// <summary>
    /// Commits a logged op again; an undo or redo of <paramref name="undoAuthor"/>'s user marks what its proposal at this
    /// revision undid or redid, and belongs to that user's history even when the op it took back is no longer retained.
    /// </summary>
    private void Replay(CommittedOp<TOp> committed, (string User, bool Redo)? undoAuthor)
    {
        if (committed.Revision != Revision + 1)
        {
            throw new InvalidOperationException($"log tail jumps from revision {Revision} to {committed.Revision}");
        }

        if (!_type.TryValidateLogged(_document, committed.Op, out var reason))
        {
            throw new InvalidOperationException($"logged op {committed.Revision} does not apply: {reason}");
        }

        if (undoAuthor is not { } author)
        {
            Commit(committed.ClientId, committed.ClientId, committed.ClientSeq, committed.Op, null, null);
            return;
        }

        var undoes = author.Redo ? null : UndoFor(author.User)?.UndoesRevision;
        var redoes = author.Redo ? RedoFor(author.User)?.RedoesRevision : null;
        Commit(committed.ClientId, author.User, committed.ClientSeq, committed.Op, undoes, redoes);
    }

    private void TrimLog()
    {
        var keepFrom = Math.Min(LatestSnapshot.Revision, Revision - _options.RetainedOps);
        var drop = (int)(keepFrom - _logStart);
        if (drop > 0 && drop >= _log.Count / 2)
        {
            _log.RemoveRange(0, drop);
            _logStart += drop;
        }
    }
}
