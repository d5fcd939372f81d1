using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Runtime;

namespace SampleMind.Grains.Sessions;

/// <summary>
/// A live collaboration session: the project document under an <see cref="OtServer{TDoc, TOp}"/>
/// (tie-break by server order), the connected participants and their observers, and persistence as
/// the latest two snapshots (<see cref="SessionState"/>) plus the ops after the older one
/// (<see cref="SessionLogState"/>). Activation restores the server from the older snapshot and the
/// ops after it (at most two snapshot intervals), so clients that were up to one interval behind
/// when the session moved still catch up with ops; nothing is replayed from revision zero.
/// </summary>
public sealed partial class SessionGrain(
    [PersistentState("session", "Default")] IPersistentState<SessionState> state,
    [PersistentState("sessionlog", "Default")] IPersistentState<SessionLogState> log,
    TimeProvider time) : Grain, ISessionGrain
{
    /// <summary>A snapshot is persisted every this many ops, which bounds the persisted tail.</summary>
    public const int SnapshotInterval = 100;

    /// <summary>Ops kept in memory for catch-up, history and old snapshots.</summary>
    public const int RetainedOps = 1_000;

    private static readonly OtServerOptions s_options = new()
    {
        SnapshotInterval = SnapshotInterval,
        RetainedOps = RetainedOps,
        TieBreak = TieBreak.ServerOrder,
    };

    private readonly Dictionary<string, Connected> _participants = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string ClientId, ISessionObserver Observer)> _failed = new();
    private OtServer<JsonObject, ProjectOperation>? _server;
    private SessionHistoryWindow? _history;

    /// <summary>
    /// This activation's memory is not what storage holds: a write failed (memory may hold an op storage does not, see
    /// <see cref="PersistAsync"/>), or a client showed that storage is ahead (another activation committed after this one
    /// read it, see <see cref="ThrowIfBehindStorageAsync"/>).
    /// </summary>
    private bool _stale;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Snapshot is { } latest)
        {
            // The log reaches the latest snapshot unless a write failed between the two records: then restore from the latest.
            var from = state.State.PreviousSnapshot is { } previous && log.State.Ops.Any(op => op.Revision == latest.Revision) ? previous : latest;
            var tail = log.State.Ops.Where(op => op.Revision > from.Revision).OrderBy(op => op.Revision).ToList();
            Start(OtServer<JsonObject, ProjectOperation>.Restore(ProjectOtType.Instance, from, tail, s_options), from, tail);
        }

        return Task.CompletedTask;
    }

    public async Task<SessionInfo> Create(string tenantId, string libraryId, string ownerKeyId)
    {
        ThrowIfStale();
        if (_server is null)
        {
            state.State.TenantId = tenantId;
            state.State.LibraryId = libraryId;
            state.State.OwnerKeyId = ownerKeyId;
            state.State.CreatedAt = time.GetUtcNow();
            state.State.Snapshot = new OtSnapshot<JsonObject>(0, ProjectDocument.CreateEmpty(), new Dictionary<string, ClientCursor>());
            await state.WriteStateAsync();
            Start(new OtServer<JsonObject, ProjectOperation>(ProjectOtType.Instance, ProjectDocument.CreateEmpty(), s_options), state.State.Snapshot, []);
        }

        return Info();
    }

    public Task<SessionInfo?> GetInfo()
    {
        ThrowIfStale();
        return Task.FromResult(_server is null ? null : Info());
    }

    public async Task<SessionJoinResult> Join(string clientId, string keyId, SessionRole role, ISessionObserver observer, long lastRevision)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ThrowIfStale();
        DropFailedObservers();
        if (_server is null)
        {
            return new SessionJoinResult(false, "There is no such session.", role, null, []);
        }

        if (string.IsNullOrEmpty(clientId) || clientId.Contains('/', StringComparison.Ordinal))
        {
            return new SessionJoinResult(false, "A client id is 1 or more characters without '/'.", role, null, []);
        }

        await ThrowIfBehindStorageAsync(lastRevision);

        var granted = role == SessionRole.Viewer ? SessionRole.Viewer
            : keyId == state.State.OwnerKeyId ? SessionRole.Owner : SessionRole.Editor;
        var participant = new SessionParticipant(clientId, keyId, granted, null, time.GetUtcNow());
        _participants[clientId] = new Connected(participant, observer);
        var participants = Participants();
        Broadcast(o => o.OnParticipants(participants), except: clientId);
        StartReporting();
        return new SessionJoinResult(true, null, granted, CatchUp(lastRevision), participants);
    }

    public Task<bool> KeepAlive(string clientId, ISessionObserver observer)
    {
        DropFailedObservers();
        return Task.FromResult(!_stale && IsConnectedThrough(clientId, observer));
    }

    public Task Leave(string clientId, ISessionObserver observer)
    {
        if (IsConnectedThrough(clientId, observer))
        {
            _participants.Remove(clientId);
            var participants = Participants();
            Broadcast(o => o.OnParticipants(participants));
        }

        return Task.CompletedTask;
    }

    public Task UpdatePresence(string clientId, SessionPresence presence)
    {
        ArgumentNullException.ThrowIfNull(presence);
        ThrowIfStale();
        if (_participants.TryGetValue(clientId, out var connected))
        {
            _participants[clientId] = connected with { Participant = connected.Participant with { Presence = presence } };
            var update = new SessionPresenceUpdate(clientId, presence);
            Broadcast(o => o.OnPresence(update), except: clientId);
        }

        return Task.CompletedTask;
    }

    public Task Chat(string clientId, string text)
    {
        ThrowIfStale();
        if (_participants.ContainsKey(clientId) && !string.IsNullOrWhiteSpace(text) && text.Length <= 2_000)
        {
            var chat = new SessionChat(clientId, text, time.GetUtcNow());
            Broadcast(o => o.OnChat(chat));
        }

        return Task.CompletedTask;
    }

    private void Start(OtServer<JsonObject, ProjectOperation> server, OtSnapshot<JsonObject> snapshot, IReadOnlyList<CommittedOp<ProjectOperation>> tail)
    {
        _server = server;
        _history = new SessionHistoryWindow(snapshot.Revision, (JsonObject)snapshot.Document.DeepClone(), RetainedOps);
        foreach (var committed in tail)
        {
            _history.Add(committed, ProjectWire.ToWire(committed));
        }
    }

    /// <summary>
    /// A stale activation answers nothing from its memory: every call fails, so its callers (a session connection drops
    /// the socket and the client reconnects) reach the next activation, restored from storage, once this one is dropped.
    /// </summary>
    private void ThrowIfStale()
    {
        if (_stale)
        {
            throw new StaleActivationException("The session is restarting from what it stored (a write failed, or it moved); reconnect and resend.");
        }
    }

    /// <summary>
    /// A client at <paramref name="clientRevision"/> past this activation's revision has seen ops that were stored (ops
    /// are stored before anyone sees them), so storage is ahead of this activation when it says so: another activation
    /// committed after this one read it (two briefly overlapped while the session moved between silos). Then this one is
    /// stale, and the caller is refused (it retries against the next activation) instead of being sent a snapshot that
    /// would drop its unacknowledged edits. When storage is not ahead (it lost ops), the caller is answered from memory.
    /// </summary>
    private async Task ThrowIfBehindStorageAsync(long clientRevision)
    {
        if (clientRevision <= _server!.Revision)
        {
            return;
        }

        await state.ReadStateAsync();
        await log.ReadStateAsync();
        var stored = Math.Max(state.State.Snapshot?.Revision ?? 0, log.State.Ops.Count == 0 ? 0 : log.State.Ops.Max(op => op.Revision));
        if (stored > _server.Revision)
        {
            _stale = true;
            DeactivateOnIdle();
            ThrowIfStale();
        }
    }

    private bool IsConnectedThrough(string clientId, ISessionObserver observer) =>
        _participants.TryGetValue(clientId, out var connected) && connected.Observer.Equals(observer);

    private SessionInfo Info() => new(
        GetPrimaryKeyString(), state.State.TenantId!, state.State.LibraryId!, state.State.OwnerKeyId!, state.State.CreatedAt,
        _server!.Revision, _history!.BaseRevision, Participants());

    private List<SessionParticipant> Participants() =>
        [.. _participants.Values.Select(c => c.Participant).OrderBy(p => p.JoinedAt).ThenBy(p => p.ClientId, StringComparer.Ordinal)];

    private sealed record Connected(SessionParticipant Participant, ISessionObserver Observer);
}
