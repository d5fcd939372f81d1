using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;
using SampleMind.Grains.Abstractions.Sessions;

namespace SampleMind.Grains.Sessions;

public sealed partial class SessionGrain
{
    /// <summary>Catch-up beyond this many ops sends the current document instead.</summary>
    private const int MaxCatchUpOps = RetainedOps;

    public Task<SessionSubmitResult> Submit(string clientId, long clientSeq, long baseRevision, string op)
    {
        ThrowIfStale();
        if (_server is null)
        {
            return Task.FromResult(Rejected("There is no such session."));
        }

        if (!_participants.TryGetValue(clientId, out var connected))
        {
            return Task.FromResult(new SessionSubmitResult(
                SessionSubmitStatus.NotJoined, _server.Revision, $"Client '{clientId}' has not joined the session."));
        }

        if (connected.Participant.Role == SessionRole.Viewer)
        {
            return Task.FromResult(Rejected("A viewer cannot edit the project."));
        }

        if (!ProjectWire.TryParseOp(op, out var parsed, out var reason))
        {
            return Task.FromResult(Rejected(reason!));
        }

        return SubmitParsedAsync(new Submission<ProjectOperation>(clientId, clientSeq, baseRevision, parsed));
    }

    /// <summary>An op made on a revision past this activation's is refused as stale when storage is ahead, not rejected as invalid.</summary>
    private async Task<SessionSubmitResult> SubmitParsedAsync(Submission<ProjectOperation> submission)
    {
        await ThrowIfBehindStorageAsync(submission.BaseRevision);
        return await CommitAsync(submission);
    }

    public Task<SessionSubmitResult> UndoFor(string clientId)
    {
        ThrowIfStale();
        if (_server is null)
        {
            return Task.FromResult(Rejected("There is no such session."));
        }

        if (_participants.TryGetValue(clientId, out var connected) && connected.Participant.Role == SessionRole.Viewer)
        {
            return Task.FromResult(Rejected("A viewer cannot edit the project."));
        }

        var proposal = _server.UndoFor(clientId);
        if (proposal is null)
        {
            return Task.FromResult(Rejected($"Client '{clientId}' has nothing to undo in the retained history."));
        }

        // Undo ops get their own author, so the client's own sequence numbers stay its own.
        var submission = new Submission<ProjectOperation>(
            clientId + "/undo", _server.Revision + 1, proposal.BaseRevision, proposal.Op, proposal.UndoesRevision);
        return CommitAsync(submission);
    }

    public Task<SessionSubmitResult> RedoFor(string clientId)
    {
        ThrowIfStale();
        if (_server is null)
        {
            return Task.FromResult(Rejected("There is no such session."));
        }

        if (_participants.TryGetValue(clientId, out var connected) && connected.Participant.Role == SessionRole.Viewer)
        {
            return Task.FromResult(Rejected("A viewer cannot edit the project."));
        }

        var proposal = _server.RedoFor(clientId);
        if (proposal is null)
        {
            return Task.FromResult(Rejected($"Client '{clientId}' has nothing to redo: no undo in the retained history, or an edit since."));
        }

        var submission = new Submission<ProjectOperation>(
            clientId + "/redo", _server.Revision + 1, proposal.BaseRevision, proposal.Op, Redoes: proposal.RedoesRevision);
        return CommitAsync(submission);
    }

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
        var oldest = _history!.BaseRevision;
        return Task.FromResult(from < oldest
            ? new SessionHistory(false, from, upTo, oldest, [])
            : new SessionHistory(true, from, upTo, oldest, _history.Between(from, upTo)));
    }

    private async Task<SessionSubmitResult> CommitAsync(Submission<ProjectOperation> submission)
    {
        var result = _server!.Submit(submission);
        if (result.Status == SubmitStatus.Rejected)
        {
            return Rejected(result.Reason ?? "The op was refused.");
        }

        if (result.Status == SubmitStatus.Duplicate)
        {
            return new SessionSubmitResult(SessionSubmitStatus.Duplicate, result.Revision, null);
        }

        var committed = result.Committed!.Value;
        await PersistAsync(committed);
        var wire = ProjectWire.ToWire(committed);
        _history!.Add(committed, wire);
        Broadcast(o => o.OnOp(wire));
        return new SessionSubmitResult(SessionSubmitStatus.Committed, committed.Revision, null);
    }

    /// <summary>
    /// Appends the op to the persisted log before it is acknowledged. When the server took a new snapshot, the log
    /// (which still holds the ops after the older snapshot) is written first, then the snapshot (keeping the one
    /// before), then the log cut to the ops after the one before: whichever write fails, storage holds a snapshot and
    /// every committed op after it, so the next activation still serves catch-up from the older snapshot on. A failed
    /// write leaves this activation's memory ahead of storage: it refuses every later call
    /// (<see cref="ThrowIfStale"/>) and is dropped, and the next one restores what storage holds (the op was
    /// never acknowledged; it was committed if the log write succeeded, and a resend is then a duplicate).
    /// </summary>
    private async Task PersistAsync(CommittedOp<ProjectOperation> committed)
    {
        try
        {
            log.State.Ops.Add(committed);
            await log.WriteStateAsync();
            var snapshot = _server!.LatestSnapshot;
            if (snapshot.Revision > (state.State.Snapshot?.Revision ?? 0))
            {
                state.State.PreviousSnapshot = state.State.Snapshot;
                state.State.Snapshot = snapshot;
                await state.WriteStateAsync();
                var keepAfter = state.State.PreviousSnapshot?.Revision ?? snapshot.Revision;
                log.State.Ops.RemoveAll(op => op.Revision <= keepAfter);
                await log.WriteStateAsync();
            }
        }
        catch
        {
            _stale = true;
            DeactivateOnIdle();
            throw;
        }
    }

    private SessionCatchUp CatchUp(long revision)
    {
        var current = _server!.Revision;
        if (revision < _history!.BaseRevision || revision > current || current - revision > MaxCatchUpOps)
        {
            return new SessionCatchUp(current, new SessionSnapshot(current, ProjectWire.Write(_server.Document)), []);
        }

        return new SessionCatchUp(current, null, _history.Between(revision, current));
    }

    private SessionSubmitResult Rejected(string reason) =>
        new(SessionSubmitStatus.Rejected, _server?.Revision ?? 0, reason);
}
