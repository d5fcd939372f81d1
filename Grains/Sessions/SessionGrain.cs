using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;
using SampleMind.Collaboration.Text;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Grains.Abstractions.Tenants;
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
    [PersistentState("sessionarchive", "Default")] IPersistentState<SessionArchiveState> archive,
    TimeProvider time,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    /// <summary>A snapshot is persisted every this many ops, which bounds the persisted tail.</summary>
    public const int SnapshotInterval = 100;

    /// <summary>Ops kept in memory for catch-up, history and old snapshots, and in the archive for a restored session.</summary>
    public const int RetainedOps = 1_000;

    /// <summary>
    /// The most op JSON kept in memory for catch-up, history and undo: the last <see cref="RetainedOps"/> ops or the
    /// latest of them that hold at most this much, whichever are fewer (large ops would otherwise hold hundreds of MB).
    /// </summary>
    public const int RetainedBytes = 2 * 1024 * 1024;

    /// <summary>The most op JSON the archive (<see cref="SessionArchiveState"/>) keeps, written once per snapshot.</summary>
    public const int ArchiveBytes = 1024 * 1024;

    /// <summary>
    /// How often a client ahead of this activation makes it read storage (<see cref="ThrowIfBehindStorageAsync"/>); in
    /// between, such clients are answered from memory, so a flood of them costs neither reads nor warnings.
    /// </summary>
    public static readonly TimeSpan StorageCheckInterval = TimeSpan.FromSeconds(5);

    /// <summary>The rotations a key may be away from the key that joined with a client id and still use it.</summary>
    private const int MaxRotations = 16;

    /// <summary>What a client's undos are submitted as: its id and this ("alice/undo").</summary>
    private const string UndoSuffix = "/undo";

    /// <summary>What a client's redos are submitted as: its id and this ("alice/redo").</summary>
    private const string RedoSuffix = "/redo";

    /// <summary>
    /// Whose undo or redo a logged op is, by its author ("alice/undo"), so that a restore rebuilds the undo marks the
    /// activation before had in memory; null for a client's own edit (client ids never hold a '/').
    /// </summary>
    private static (string User, bool Redo)? UndoAuthorOf(string author) =>
        author.EndsWith(UndoSuffix, StringComparison.Ordinal) ? (author[..^UndoSuffix.Length], false)
        : author.EndsWith(RedoSuffix, StringComparison.Ordinal) ? (author[..^RedoSuffix.Length], true)
        : null;

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

    /// <summary>Bytes of the persisted log's ops after the latest stored snapshot (a snapshot is taken past <see cref="SessionLimits.SnapshotLogBytes"/>).</summary>
    private long _logBytesSinceSnapshot;

    /// <summary>The document's JSON size, measured, plus the size of each op committed since (an upper bound: ops may also shrink it).</summary>
    private long _documentBytes;

    /// <summary>
    /// This activation's memory is not what storage holds: a write failed (memory may hold an op storage does not, see
    /// <see cref="PersistAsync"/>), or a client showed that storage is ahead (another activation committed after this one
    /// read it, see <see cref="ThrowIfBehindStorageAsync"/>).
    /// </summary>
    private bool _stale;

    /// <summary>When a client ahead of this activation last made it read storage (<see cref="StorageCheckInterval"/>).</summary>
    private DateTimeOffset? _storageCheckedAt;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Snapshot is { } latest)
        {
            // The log reaches the latest snapshot unless a write failed between the two records: then restore from the latest.
            var from = state.State.PreviousSnapshot is { } previous && log.State.Ops.Any(op => op.Revision == latest.Revision) ? previous : latest;
            var tail = log.State.Ops.Where(op => op.Revision > from.Revision).OrderBy(op => op.Revision).ToList();
            var before = OpsUpTo(from.Revision);
            Start(OtServer<JsonObject, ProjectOperation>.Restore(ProjectOtType.Instance, from, tail, s_options, before, UndoAuthorOf), from, tail, before);
            SessionLog.Restored(logger, GetPrimaryKeyString(), _server!.Revision, from.Revision, tail.Count, before.Count);
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
            Start(new OtServer<JsonObject, ProjectOperation>(ProjectOtType.Instance, ProjectDocument.CreateEmpty(), s_options), state.State.Snapshot, [], []);
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
            return Refused("There is no such session.", role);
        }

        if (state.State.ClosedAt is not null)
        {
            return Refused(ClosedReason, role);
        }

        if (string.IsNullOrEmpty(clientId) || clientId.Contains('/', StringComparison.Ordinal))
        {
            return Refused("A client id is 1 or more characters without '/'.", role);
        }

        await ThrowIfBehindStorageAsync(clientId, lastRevision);
        var bound = state.State.ClientKeys.TryGetValue(clientId, out var boundKey);
        if (bound && !await IsOrReplacesAsync(keyId, boundKey!))
        {
            return Refused($"Client id '{clientId}' belongs to another API key in this session; choose another client id.", role);
        }

        _participants.TryGetValue(clientId, out var previous);
        if (previous is null && _participants.Count >= SessionLimits.MaxParticipants)
        {
            return Refused($"The session is full: at most {SessionLimits.MaxParticipants} participants at once.", role);
        }

        if (!bound && state.State.ClientKeys.Count >= SessionLimits.MaxClientIds && !ForgetIdleClientIds())
        {
            return Refused(
                $"The session remembers at most {SessionLimits.MaxClientIds:N0} client ids and each is connected or named in its " +
                "recent history; join with a client id your key used before.", role);
        }

        // A new id is bound to its key; a bound one whose key was rotated is the new key's from now on. The join is
        // stored as the session's latest activity (what keeps it from being closed as idle) in the same write.
        state.State.ClientKeys[clientId] = keyId;
        state.State.LastActiveAt = time.GetUtcNow();
        await WriteOrGoStaleAsync(state.WriteStateAsync);

        var granted = role == SessionRole.Viewer ? SessionRole.Viewer
            : keyId == state.State.OwnerKeyId ? SessionRole.Owner : SessionRole.Editor;
        _participants[clientId] = new Connected(new SessionParticipant(clientId, keyId, granted, time.GetUtcNow()), observer, null);
        if (previous is not null && !previous.Observer.Equals(observer))
        {
            Forget(previous.Observer.OnTakenOver($"Another connection took over client id '{clientId}'; this one is closed."));
        }

        var participants = Participants();
        Broadcast(o => o.OnParticipants(participants), except: clientId);
        StartReporting();
        List<SessionPresenceUpdate> presences =
            [.. _participants.Values.Where(c => c.Presence is not null && c.Participant.ClientId != clientId).Select(c => new SessionPresenceUpdate(c.Participant.ClientId, c.Presence!))];
        var catchUp = CatchUp(lastRevision);
        if (catchUp.Snapshot is not null && lastRevision >= 0)
        {
            SessionLog.SnapshotSent(logger, GetPrimaryKeyString(), clientId, lastRevision, _server.Revision, _history!.OldestRevision);
        }

        return new SessionJoinResult(true, null, granted, catchUp, participants, presences);
    }

    public Task<bool> KeepAlive(string clientId, ISessionObserver observer)
    {
        DropFailedObservers();
        return Task.FromResult(!_stale && IsConnectedThrough(clientId, observer));
    }

    public async Task Leave(string clientId, ISessionObserver observer)
    {
        if (IsConnectedThrough(clientId, observer))
        {
            _participants.Remove(clientId);
            var participants = Participants();
            Broadcast(o => o.OnParticipants(participants));
            state.State.LastActiveAt = time.GetUtcNow();
            if (!_stale)
            {
                await WriteOrGoStaleAsync(state.WriteStateAsync);
            }
        }
    }

    public Task UpdatePresence(string clientId, ISessionObserver observer, SessionPresence presence)
    {
        ArgumentNullException.ThrowIfNull(presence);
        ThrowIfStale();
        if (_participants.TryGetValue(clientId, out var connected) && connected.Observer.Equals(observer) && !SamePresence(connected.Presence, presence))
        {
            _participants[clientId] = connected with { Presence = presence };
            var update = new SessionPresenceUpdate(clientId, presence);
            Broadcast(o => o.OnPresence(update), except: clientId);
        }

        return Task.CompletedTask;
    }

    public Task Chat(string clientId, ISessionObserver observer, string text)
    {
        ThrowIfStale();
        if (IsConnectedThrough(clientId, observer) && !string.IsNullOrWhiteSpace(text) && CodePoints.Count(text) <= SessionLimits.MaxChatCharacters)
        {
            var chat = new SessionChat(clientId, text, time.GetUtcNow());
            Broadcast(o => o.OnChat(chat));
        }

        return Task.CompletedTask;
    }

    /// <summary>Whether two presences say the same (the selection compared by its ids): an unchanged one is not sent again.</summary>
    private static bool SamePresence(SessionPresence? known, SessionPresence next) =>
        known is not null && known.Cursor == next.Cursor && known.PlayheadBeat == next.PlayheadBeat
        && (known.Selection ?? []).SequenceEqual(next.Selection ?? [], StringComparer.Ordinal);

    private void Start(
        OtServer<JsonObject, ProjectOperation> server, OtSnapshot<JsonObject> snapshot, IReadOnlyList<CommittedOp<ProjectOperation>> tail,
        IReadOnlyList<CommittedOp<ProjectOperation>> before)
    {
        _server = server;

        // A snapshot taken before ids were forgotten still holds their last ops: forget them again, so that the id's new
        // holder (whose binding is stored) is not taken for a resend of the old one's ops.
        foreach (var client in server.KnownClients.Where(c => !state.State.ClientKeys.ContainsKey(BaseClientId(c))).ToList())
        {
            server.ForgetClient(client);
        }

        _history = new SessionHistoryWindow(
            snapshot.Revision, (JsonObject)snapshot.Document.DeepClone(), RetainedOps, RetainedBytes, [.. before.Select(ProjectWire.ToWire)]);
        var latest = state.State.Snapshot?.Revision ?? 0;
        foreach (var committed in tail)
        {
            var wire = ProjectWire.ToWire(committed);
            _history.Add(committed, wire);
            _logBytesSinceSnapshot += committed.Revision > latest ? Encoding.UTF8.GetByteCount(wire.Op) : 0;
        }

        server.ForgetOpsUpTo(_history.OldestRevision);
        _documentBytes = ProjectWire.ByteCount(server.Document);
    }

    /// <summary>
    /// The stored ops (the archive's and the log's) that run without a gap up to <paramref name="revision"/>, in order; empty
    /// when the op at <paramref name="revision"/> is not stored (a session never archived, or cut at a failed write).
    /// </summary>
    private List<CommittedOp<ProjectOperation>> OpsUpTo(long revision)
    {
        var stored = archive.State.Ops.Concat(log.State.Ops).Where(op => op.Revision <= revision)
            .DistinctBy(op => op.Revision).OrderByDescending(op => op.Revision);
        var run = new List<CommittedOp<ProjectOperation>>();
        foreach (var op in stored)
        {
            if (op.Revision != revision - run.Count)
            {
                break;
            }

            run.Add(op);
        }

        run.Reverse();
        return run;
    }

    /// <summary>
    /// Whether <paramref name="keyId"/> is <paramref name="boundKeyId"/> or its replacement by rotation (a key rotated
    /// again and again too, up to <see cref="MaxRotations"/> steps): a rotated key keeps its client ids, so that its user
    /// can resume and undo after the rotation.
    /// </summary>
    private async Task<bool> IsOrReplacesAsync(string keyId, string boundKeyId)
    {
        var key = keyId;
        for (var step = 0; key != boundKeyId; step++)
        {
            if (step == MaxRotations || await GrainFactory.GetGrain<IApiKeyGrain>(key).GetInfo() is not { ReplacesKeyId: { } replaced })
            {
                return false;
            }

            key = replaced;
        }

        return true;
    }

    /// <summary>
    /// Forgets the ids of clients that are not connected and that the retained log does not name (a browser tab takes a
    /// new id at each load), with their last ops; false when there is none. An id the log names stays its key's: its new
    /// holder would get the old one's ops as its own in catch-up, and could undo them.
    /// </summary>
    private bool ForgetIdleClientIds()
    {
        var named = _server!.RetainedClients().Select(BaseClientId).ToHashSet(StringComparer.Ordinal);
        var idle = state.State.ClientKeys.Keys.Where(id => !_participants.ContainsKey(id) && !named.Contains(id)).ToList();
        foreach (var id in idle)
        {
            state.State.ClientKeys.Remove(id);
            _server.ForgetClient(id);
            _server.ForgetClient(id + UndoSuffix);
            _server.ForgetClient(id + RedoSuffix);
        }

        return idle.Count > 0;
    }

    /// <summary>The client id an undo's or redo's submitter id ("alice/undo") stands for; any other id itself.</summary>
    private static string BaseClientId(string id) => id.IndexOf('/', StringComparison.Ordinal) is >= 0 and var slash ? id[..slash] : id;

    /// <summary>Writes a record; a failed write leaves memory ahead of storage, so this activation goes stale (<see cref="ThrowIfStale"/>).</summary>
    private async Task WriteOrGoStaleAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch
        {
            GoStale();
            throw;
        }
    }

    /// <summary>Marks this activation stale (every later call is refused) and has it dropped once idle.</summary>
    private void GoStale()
    {
        if (!_stale)
        {
            SessionLog.WentStale(logger, GetPrimaryKeyString(), _server?.Revision ?? 0);
        }

        _stale = true;
        DeactivateOnIdle();
    }

    /// <summary>Lets a call (a push, a report) run without waiting for it; its failure is observed and needs nothing more.</summary>
    private static void Forget(Task push) =>
        push.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static SessionJoinResult Refused(string reason, SessionRole role) => new(false, reason, role, null, [], []);

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
    /// would drop its unacknowledged edits. When storage is not ahead (it lost ops), the caller is answered from memory;
    /// so is every such caller within <see cref="StorageCheckInterval"/> of the last read (a client naming revisions
    /// from the future over and over reads storage and logs a warning once per interval, not once per message).
    /// </summary>
    private async Task ThrowIfBehindStorageAsync(string clientId, long clientRevision)
    {
        var now = time.GetUtcNow();
        if (clientRevision <= _server!.Revision || (_storageCheckedAt is { } checkedAt && now - checkedAt < StorageCheckInterval))
        {
            return;
        }

        _storageCheckedAt = now;

        await state.ReadStateAsync();
        await log.ReadStateAsync();
        var stored = Math.Max(state.State.Snapshot?.Revision ?? 0, log.State.Ops.Count == 0 ? 0 : log.State.Ops.Max(op => op.Revision));
        SessionLog.ClientAhead(logger, GetPrimaryKeyString(), clientId, clientRevision, _server.Revision, stored);
        if (stored > _server.Revision)
        {
            GoStale();
            ThrowIfStale();
        }
    }

    private bool IsConnectedThrough(string clientId, ISessionObserver observer) =>
        _participants.TryGetValue(clientId, out var connected) && connected.Observer.Equals(observer);

    private SessionInfo Info() => new(
        GetPrimaryKeyString(), state.State.TenantId!, state.State.LibraryId!, state.State.OwnerKeyId!, state.State.CreatedAt,
        _server!.Revision, _history!.OldestRevision, Participants(), state.State.ClosedAt, LastActiveAt(), _history.OldestDocumentRevision);

    /// <summary>The latest op, undo, redo, join or leave; the session's creation before any.</summary>
    private DateTimeOffset LastActiveAt()
    {
        var last = state.State.CreatedAt;
        if (state.State.LastActiveAt is { } joinedOrLeft && joinedOrLeft > last)
        {
            last = joinedOrLeft;
        }

        return log.State.LastCommittedAt is { } committed && committed > last ? committed : last;
    }

    private List<SessionParticipant> Participants() =>
        [.. _participants.Values.Select(c => c.Participant).OrderBy(p => p.JoinedAt).ThenBy(p => p.ClientId, StringComparer.Ordinal)];

    /// <summary>A participant, the observer of its connection, and its last presence (sent to joiners, never in participant lists).</summary>
    private sealed record Connected(SessionParticipant Participant, ISessionObserver Observer, SessionPresence? Presence);
}
