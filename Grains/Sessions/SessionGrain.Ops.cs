using System.Text;
using System.Text.Json.Nodes;
using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;
using SampleMind.Grains.Abstractions.Sessions;

namespace SampleMind.Grains.Sessions;

public sealed partial class SessionGrain
{
    /// <summary>Catch-up beyond this many ops sends the current document instead.</summary>
    private const int MaxCatchUpOps = RetainedOps;

    public Task<SessionSubmitResult> Submit(string clientId, ISessionObserver observer, long clientSeq, long baseRevision, string op)
    {
        ArgumentNullException.ThrowIfNull(op);
        ThrowIfStale();
        if (_server is null)
        {
            return Task.FromResult(Rejected("There is no such session."));
        }

        if (NotConnectedThrough(clientId, observer) is { } refused)
        {
            return Task.FromResult(refused);
        }

        if (_participants[clientId].Participant.Role == SessionRole.Viewer)
        {
            return Task.FromResult(Rejected("A viewer cannot edit the project."));
        }

        var opBytes = Encoding.UTF8.GetByteCount(op);
        if (opBytes > SessionLimits.MaxOpBytes)
        {
            return Task.FromResult(Rejected($"An op is at most {SessionLimits.MaxOpBytes / 1024} KiB of JSON; this one is {opBytes:N0} bytes."));
        }

        if (!ProjectWire.TryParseOp(op, out var parsed, out var reason))
        {
            return Task.FromResult(Rejected(reason!));
        }

        // A resend is rebased up to the op it may repeat, to be compared with it (as far as the first time).
        var rebaseTo = _server.IsResend(clientId, clientSeq) ? _server.RetainedRevisionOf(clientId, clientSeq) - 1 : _server.Revision;
        if (RebasePairs(parsed, baseRevision, rebaseTo) > SessionLimits.MaxRebasePairs)
        {
            return Task.FromResult(Rejected(
                $"This op has {parsed.Ops.Count:N0} primitives and {rebaseTo - baseRevision:N0} ops came since its base revision " +
                $"{baseRevision}: too much to rebase here. Apply the ops since (catch up) and send it again on a newer base."));
        }

        return SubmitParsedAsync(new Submission<ProjectOperation>(clientId, clientSeq, baseRevision, parsed), CapCheck(parsed, opBytes, "op"));
    }

    /// <summary>Why a call from <paramref name="observer"/> for <paramref name="clientId"/> is refused (not joined, or taken over), or null.</summary>
    private SessionSubmitResult? NotConnectedThrough(string clientId, ISessionObserver observer)
    {
        if (!_participants.TryGetValue(clientId, out var connected))
        {
            return new SessionSubmitResult(SessionSubmitStatus.NotJoined, _server!.Revision, $"Client '{clientId}' has not joined the session.");
        }

        return connected.Observer.Equals(observer)
            ? null
            : new SessionSubmitResult(SessionSubmitStatus.TakenOver, _server!.Revision, $"Another connection took over client id '{clientId}'; this one is closed.");
    }

    /// <summary>
    /// The pairs of primitives rebasing <paramref name="op"/> from <paramref name="baseRevision"/> to <paramref name="revision"/>
    /// takes (counted up to just past the bound); 0 for a base outside the retained log, which the server refuses on its own.
    /// </summary>
    private long RebasePairs(ProjectOperation op, long baseRevision, long revision)
    {
        if (baseRevision >= revision || baseRevision < _server!.OldestRetainedRevision)
        {
            return 0;
        }

        long pairs = 0;
        foreach (var committed in _server.GetOpsSince(baseRevision, (int)Math.Min(revision - baseRevision, int.MaxValue)).Ops)
        {
            pairs += (long)op.Ops.Count * committed.Op.Ops.Count;
            if (pairs > SessionLimits.MaxRebasePairs)
            {
                break;
            }
        }

        return pairs;
    }

    /// <summary>Deletes and moves never grow the document; every other primitive may.</summary>
    private static bool MightGrow(ProjectOperation op) =>
        op.Ops.Any(p => p is null || p.Kind is not (ProjectOpKind.Delete or ProjectOpKind.Move));

    /// <summary>
    /// Null when the op surely keeps the project within <see cref="SessionLimits.MaxDocumentBytes"/> (it deletes or moves
    /// only, or the document plus the op's size fits); else the check, made on the op as the server applies it to the
    /// current document, that refuses it when it would leave the project over the cap and larger than now (an op that
    /// shrinks a full project passes).
    /// </summary>
    private Func<JsonObject, ProjectOperation, string?>? CapCheck(ProjectOperation op, long opBytes, string what) =>
        !MightGrow(op) || FitsInDocument(opBytes) ? null : (document, applied) => GrowsPastCap(document, applied, what);

    /// <summary>The reason to refuse <paramref name="op"/> when it leaves the project over its cap and larger than now, else null.</summary>
    private string? GrowsPastCap(JsonObject document, ProjectOperation op, string what)
    {
        var before = ProjectWire.ByteCount(document);
        var after = (JsonObject)document.DeepClone();
        op.Apply(after);
        var bytes = ProjectWire.ByteCount(after);
        return bytes <= SessionLimits.MaxDocumentBytes || bytes <= before
            ? null
            : $"The project is at most {SessionLimits.MaxDocumentBytes / 1024:N0} KiB of JSON and this {what} would grow it past that; delete something first.";
    }

    /// <summary>
    /// Whether the document plus <paramref name="opBytes"/> stays within <see cref="SessionLimits.MaxDocumentBytes"/>: the
    /// running upper bound answers most ops; near the cap the document is measured again (ops may have shrunk it).
    /// </summary>
    private bool FitsInDocument(long opBytes)
    {
        if (_documentBytes + opBytes <= SessionLimits.MaxDocumentBytes)
        {
            return true;
        }

        _documentBytes = ProjectWire.ByteCount(_server!.Document);
        return _documentBytes + opBytes <= SessionLimits.MaxDocumentBytes;
    }

    /// <summary>An op made on a revision past this activation's is refused as stale when storage is ahead, not rejected as invalid.</summary>
    private async Task<SessionSubmitResult> SubmitParsedAsync(
        Submission<ProjectOperation> submission, Func<JsonObject, ProjectOperation, string?>? refuse)
    {
        await ThrowIfBehindStorageAsync(submission.ClientId, submission.BaseRevision);
        return await CommitAsync(submission, refuse);
    }

    public async Task<SessionSubmitResult> UndoFor(string clientId, ISessionObserver? observer, string? keyId) =>
        await UndoOrRedoAsync(clientId, observer, keyId, redo: false) ?? await CommitUndoOrRedo(clientId, redo: false);

    public async Task<SessionSubmitResult> RedoFor(string clientId, ISessionObserver? observer, string? keyId) =>
        await UndoOrRedoAsync(clientId, observer, keyId, redo: true) ?? await CommitUndoOrRedo(clientId, redo: true);

    /// <summary>
    /// Why <paramref name="clientId"/>'s undo or redo is refused, or null: the session must exist; a participant asks
    /// through its own connection, a REST caller with the key the client id belongs to (any key of the session's tenant
    /// could undo another's edits before); a viewer edits nothing.
    /// </summary>
    private async Task<SessionSubmitResult?> UndoOrRedoAsync(string clientId, ISessionObserver? observer, string? keyId, bool redo)
    {
        ThrowIfStale();
        if (_server is null)
        {
            return Rejected("There is no such session.");
        }

        if (state.State.ClosedAt is not null)
        {
            return Rejected(ClosedReason);
        }

        if (observer is not null && NotConnectedThrough(clientId, observer) is { } refused)
        {
            return refused;
        }

        if (observer is null && (keyId is null || !state.State.ClientKeys.TryGetValue(clientId, out var owner) || !await IsOrReplacesAsync(keyId, owner)))
        {
            return Rejected($"Client '{clientId}' is not one of this key's: a key {(redo ? "redoes" : "undoes")} the edits of the client ids it joined with.");
        }

        return _participants.TryGetValue(clientId, out var connected) && connected.Participant.Role == SessionRole.Viewer
            ? Rejected("A viewer cannot edit the project.")
            : null;
    }

    private Task<SessionSubmitResult> CommitUndoOrRedo(string clientId, bool redo)
    {
        if (redo)
        {
            var redone = _server!.RedoFor(clientId);
            return redone is null
                ? Task.FromResult(Rejected($"Client '{clientId}' has nothing to redo: no undo in the retained history, or an edit since."))
                : CommitAsync(
                    new Submission<ProjectOperation>(clientId + RedoSuffix, _server.Revision + 1, redone.BaseRevision, redone.Op, Redoes: redone.RedoesRevision),
                    BringBackCheck(redone.Op, "redo"));
        }

        // Undo ops get their own author, so the client's own sequence numbers stay its own.
        var undone = _server!.UndoFor(clientId);
        return undone is null
            ? Task.FromResult(Rejected($"Client '{clientId}' has nothing to undo in the retained history: no edit of its that others have not since replaced."))
            : CommitAsync(
                new Submission<ProjectOperation>(clientId + UndoSuffix, _server.Revision + 1, undone.BaseRevision, undone.Op, undone.UndoesRevision),
                BringBackCheck(undone.Op, "undo"));
    }

    /// <summary>
    /// An undo or redo that brings content back is held to the project's cap like any op (what it brings back may no
    /// longer fit: others filled the space since), else undo after undo could grow a project without bound.
    /// </summary>
    private Func<JsonObject, ProjectOperation, string?>? BringBackCheck(ProjectOperation op, string what) =>
        MightGrow(op) ? CapCheck(op, Encoding.UTF8.GetByteCount(ProjectWire.Write(op)), what) : null;

    public Task<SessionCatchUp> GetSince(long revision)
    {
        ThrowIfStale();
        return Task.FromResult(_server is null ? new SessionCatchUp(0, null, []) : CatchUp(revision));
    }

    public Task<SessionSnapshot?> GetSnapshot(long? revision)
    {
        ThrowIfStale();
        if (_server is null)
        {
            return Task.FromResult<SessionSnapshot?>(null);
        }

        var at = revision ?? _server.Revision;
        var document = at == _server.Revision ? _server.Document : _history!.DocumentAt(at);
        return Task.FromResult(document is null ? null : new SessionSnapshot(at, ProjectWire.Write(document)));
    }

    public Task<SessionHistory> GetHistory(long from, long to)
    {
        ThrowIfStale();
        if (_server is null)
        {
            return Task.FromResult(new SessionHistory(false, from, to, 0, []));
        }

        var upTo = Math.Min(to, _server.Revision);
        var oldest = _history!.OldestRevision;
        return Task.FromResult(from < oldest
            ? new SessionHistory(false, from, upTo, oldest, [])
            : new SessionHistory(true, from, upTo, oldest, _history.Between(from, upTo)));
    }

    private async Task<SessionSubmitResult> CommitAsync(
        Submission<ProjectOperation> submission, Func<JsonObject, ProjectOperation, string?>? refuse)
    {
        var result = _server!.Submit(submission, refuse);
        if (result.Status == SubmitStatus.Rejected)
        {
            return Rejected(result.Reason ?? "The op was refused.");
        }

        if (result.Status == SubmitStatus.Duplicate)
        {
            return new SessionSubmitResult(SessionSubmitStatus.Duplicate, result.Revision, null);
        }

        var committed = result.Committed!.Value;
        var wire = ProjectWire.ToWire(committed);
        var bytes = Encoding.UTF8.GetByteCount(wire.Op);
        await PersistAsync(committed, bytes);
        _documentBytes += bytes;
        _history!.Add(committed, wire);
        _server.ForgetOpsUpTo(_history.OldestRevision);
        Broadcast(o => o.OnOp(wire));
        return new SessionSubmitResult(SessionSubmitStatus.Committed, committed.Revision, null);
    }

    /// <summary>
    /// Appends the op (<paramref name="bytes"/> of JSON) to the persisted log before it is acknowledged. A snapshot is
    /// taken every <see cref="SnapshotInterval"/> ops, or sooner once the ops after the latest stored one pass
    /// <see cref="SessionLimits.SnapshotLogBytes"/>, so that each op rewrites a bounded log. When the server took a new
    /// snapshot, the log (which still holds the ops after the older snapshot) is written first, then the snapshot
    /// (keeping the one before), then the log cut to the ops after the one before: whichever write fails, storage holds
    /// a snapshot and every committed op after it, so the next activation still serves catch-up from the older snapshot
    /// on. A failed write leaves this activation's memory ahead of storage: it refuses every later call
    /// (<see cref="ThrowIfStale"/>) and is dropped, and the next one restores what storage holds (the op was
    /// never acknowledged; it was committed if the log write succeeded, and a resend is then a duplicate).
    /// </summary>
    private Task PersistAsync(CommittedOp<ProjectOperation> committed, int bytes) => WriteOrGoStaleAsync(async () =>
    {
        log.State.Ops.Add(committed);
        log.State.LastCommittedAt = time.GetUtcNow();
        _logBytesSinceSnapshot += bytes;
        var stored = state.State.Snapshot?.Revision ?? 0;
        if (_server!.LatestSnapshot.Revision <= stored && _logBytesSinceSnapshot >= SessionLimits.SnapshotLogBytes)
        {
            _server.TakeSnapshot();
        }

        await log.WriteStateAsync();
        var snapshot = _server.LatestSnapshot;
        if (snapshot.Revision > stored)
        {
            _logBytesSinceSnapshot = 0;
            state.State.PreviousSnapshot = state.State.Snapshot;
            state.State.Snapshot = snapshot;
            await state.WriteStateAsync();
            var keepAfter = state.State.PreviousSnapshot?.Revision ?? snapshot.Revision;
            if (Archive(log.State.Ops.Where(op => op.Revision <= keepAfter)))
            {
                // Before the log is cut: whichever of the two writes fails, every op is still in one of them.
                await archive.WriteStateAsync();
            }

            log.State.Ops.RemoveAll(op => op.Revision <= keepAfter);
            await log.WriteStateAsync();
        }
    });

    /// <summary>
    /// Adds the ops cut from the log to the archive (those it does not hold yet) and keeps its latest
    /// <see cref="SessionGrain.RetainedOps"/>, at most <see cref="ArchiveBytes"/> of JSON; false when nothing was added.
    /// </summary>
    private bool Archive(IEnumerable<CommittedOp<ProjectOperation>> cut)
    {
        var ops = archive.State.Ops;
        var last = ops.Count == 0 ? long.MinValue : ops[^1].Revision;
        var count = ops.Count;
        ops.AddRange(cut.Where(op => op.Revision > last).OrderBy(op => op.Revision));
        if (ops.Count == count)
        {
            return false;
        }

        var kept = 0;
        var bytes = 0L;
        while (kept < ops.Count && kept < RetainedOps)
        {
            bytes += Encoding.UTF8.GetByteCount(ProjectWire.ToWire(ops[ops.Count - 1 - kept]).Op);
            if (bytes > ArchiveBytes)
            {
                break;
            }

            kept++;
        }

        ops.RemoveRange(0, ops.Count - kept);
        return true;
    }

    private SessionCatchUp CatchUp(long revision)
    {
        var current = _server!.Revision;
        if (revision < _history!.OldestRevision || revision > current || current - revision > MaxCatchUpOps)
        {
            return new SessionCatchUp(current, new SessionSnapshot(current, ProjectWire.Write(_server.Document)), []);
        }

        return new SessionCatchUp(current, null, _history.Between(revision, current));
    }

    private SessionSubmitResult Rejected(string reason) =>
        new(SessionSubmitStatus.Rejected, _server?.Revision ?? 0, reason);
}
