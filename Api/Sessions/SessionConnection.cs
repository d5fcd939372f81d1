using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Runtime;

namespace SampleMind.Api.Sessions;

/// <summary>
/// One participant's WebSocket: reads client messages one at a time and turns them into session
/// grain calls, and is the participant's <see cref="ISessionObserver"/>. Everything the client gets
/// goes through one bounded queue drained by a single sender, so op and ack messages reach it in
/// revision order (ops broadcast while its hello is answered are held until the catch-up is queued).
/// When the session cannot be reached, or no longer knows this participant (it was reactivated, e.g.
/// on another silo), or the host is stopping, the connection ends so the client reconnects, catches
/// up and resends its unacknowledged op. When another connection of the same key takes its client id
/// over, or its key is revoked (checked every <see cref="KeepAliveInterval"/>), it ends for good: an
/// error says why, a close frame follows, and nothing the client sends after is handled; so does one that has not
/// joined (said hello) within its hello timeout.
/// </summary>
internal sealed partial class SessionConnection(
    WebSocket socket, ISessionGrain session, SessionCaller caller, IGrainFactory grains, TimeProvider time, TimeSpan helloTimeout, CancellationToken stopping,
    ILogger? logger = null, long maxQueuedBytes = SessionConnection.DefaultMaxQueuedBytes)
    : ISessionObserver
{
    /// <summary>The largest client message accepted (larger ones get an error and are skipped).</summary>
    public const int MaxMessageBytes = 256 * 1024;

    /// <summary>Messages queued for a slow client before its connection is dropped.</summary>
    public const int MaxQueuedMessages = 4_096;

    /// <summary>
    /// Bytes queued for a slow client before its connection is dropped, by default (<c>Api:SessionMaxQueuedBytes</c>):
    /// 4,096 messages of large ops would hold some 256 MiB per connection.
    /// </summary>
    public const long DefaultMaxQueuedBytes = 16 * 1024 * 1024;

    /// <summary>How often the connection tells the session it is still here, and checks that its key is still valid.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(30);

    /// <summary>How long a client has to answer the close frame of a stopping host before its socket is dropped.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    /// <summary>Queued after the error that ends the connection for good: the sender closes the socket there.</summary>
    private static readonly byte[] s_close = [];

    private readonly Lock _gate = new();
    private readonly List<SessionOp> _held = [];

    /// <summary>Presence, chat and participant pushes that arrived before the welcome was queued.</summary>
    private readonly List<byte[]> _heldPushes = [];
    private readonly CancellationTokenSource _abort = new();
    private readonly Channel<byte[]> _outgoing = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(MaxQueuedMessages) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private string? _clientId;
    private ISessionObserver? _reference;
    private bool _live;
    private volatile bool _closing;
    private long _lastRevision;

    /// <summary>Bytes of the messages queued and not yet sent (the one being sent included).</summary>
    private long _queuedBytes;
    private string? _goAway;
    private volatile bool _ended;
    private (WebSocketCloseStatus Status, string Description) _close;

    /// <summary>Serves the socket until the client closes it, it fails, or the connection is dropped.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);

        // Not a cancellation of the receive (that would abort the socket without a close frame): the client is told to
        // reconnect at once, and dropped if it does not answer the close within StopGrace.
        using var onStopping = stopping.Register(() =>
        {
            End("This silo is stopping: reconnect, and another silo serves the session.", WebSocketCloseStatus.EndpointUnavailable, "reconnect: silo stopping");
            _abort.CancelAfter(StopGrace);
        });
        var sending = SendLoopAsync(linked.Token);
        var keepAlive = KeepAliveLoopAsync(linked.Token);
        var helloDeadline = HelloDeadlineAsync(linked.Token);
        var closedByClient = false;
        try
        {
            closedByClient = await ReceiveLoopAsync(linked.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The client vanished, or the connection was dropped (too slow, session restarted).
        }
        finally
        {
            _closing = true;
            _outgoing.Writer.TryComplete();
        }

        // Left while the socket closes: a session that is moving may take a while to answer, and until the close
        // frame reaches the client it would go on sending edits that nothing here reads any more.
        var leaving = LeaveAsync();
        if (closedByClient)
        {
            await Quietly(sending);
            await CloseQuietlyAsync(cancellationToken);
        }
        else if (_goAway is { } reason)
        {
            // Flush the error that says why, then close without waiting for the client's answer.
            await Quietly(sending);
            await GoAwayQuietlyAsync(reason);
        }

        await _abort.CancelAsync();
        await Task.WhenAll(Quietly(sending), Quietly(keepAlive), Quietly(helloDeadline), leaving);
    }

    public Task OnOp(SessionOp op)
    {
        lock (_gate)
        {
            if (_live)
            {
                Deliver(op, ownAsAck: true);
            }
            else
            {
                _held.Add(op);
            }
        }

        return Task.CompletedTask;
    }

    public Task OnPresence(SessionPresenceUpdate update)
    {
        Push(SessionMessages.Presence(update));
        return Task.CompletedTask;
    }

    public Task OnChat(SessionChat chat)
    {
        Push(SessionMessages.Chat(chat));
        return Task.CompletedTask;
    }

    public Task OnParticipants(IReadOnlyList<SessionParticipant> participants)
    {
        Push(SessionMessages.Participants(participants));
        return Task.CompletedTask;
    }

    /// <summary>A push other than an op: sent at once when live, else held until after the welcome (which must come first).</summary>
    private void Push(byte[] message)
    {
        lock (_gate)
        {
            if (_live)
            {
                Enqueue(message);
            }
            else
            {
                _heldPushes.Add(message);
            }
        }
    }

    public Task OnTakenOver(string reason)
    {
        TakenOver(reason);
        return Task.CompletedTask;
    }

    public Task OnClosed(string reason)
    {
        End(reason, WebSocketCloseStatus.NormalClosure, "session closed");
        return Task.CompletedTask;
    }

    /// <summary>Queues the welcome and what the client missed, then the ops held meanwhile; from now on ops go straight out.</summary>
    private void Start(SessionJoinResult joined, long lastRevision)
    {
        lock (_gate)
        {
            var catchUp = joined.CatchUp!;
            Enqueue(SessionMessages.Welcome(_clientId!, joined.Role, catchUp.Revision, joined.Participants));
            _lastRevision = lastRevision;
            if (catchUp.Snapshot is { } snapshot)
            {
                Enqueue(SessionMessages.Snapshot(snapshot));
                _lastRevision = snapshot.Revision;
            }

            foreach (var op in catchUp.Ops)
            {
                Deliver(op, ownAsAck: false);
            }

            foreach (var presence in joined.Presences)
            {
                Enqueue(SessionMessages.Presence(presence));
            }

            foreach (var op in _held)
            {
                Deliver(op, ownAsAck: true);
            }

            _held.Clear();
            foreach (var message in _heldPushes)
            {
                Enqueue(message);
            }

            _heldPushes.Clear();
            _live = true;
        }
    }

    /// <summary>
    /// Queues an op once (by revision); the client's own live ops become acks. Ops reach this observer in revision
    /// order, so one past the next revision means a push was lost: the client could not apply it (nor get the ack it
    /// may wait for), so the connection is dropped, and the client reconnects with hello(lastRevision) and catches up.
    /// </summary>
    private void Deliver(SessionOp op, bool ownAsAck)
    {
        if (op.Revision <= _lastRevision)
        {
            return;
        }

        if (op.Revision != _lastRevision + 1)
        {
            Enqueue(SessionMessages.Error($"Revisions {_lastRevision + 1} to {op.Revision - 1} did not reach this connection; reconnect to catch up."));
            _abort.Cancel();
            return;
        }

        _lastRevision = op.Revision;
        Enqueue(ownAsAck && op.ClientId == _clientId ? SessionMessages.Ack(op.ClientSeq, op.Revision) : SessionMessages.Op(op));
    }

    /// <summary>
    /// Acknowledges a resent op that was already committed. When its broadcast has not reached this
    /// connection yet, that broadcast will carry the ack in revision order, so nothing is sent now.
    /// </summary>
    private void AckDuplicate(long clientSeq, long revision)
    {
        lock (_gate)
        {
            if (_live && revision <= _lastRevision)
            {
                Enqueue(SessionMessages.Ack(clientSeq, revision));
            }
        }
    }

    private void Enqueue(byte[] message)
    {
        var queued = Interlocked.Add(ref _queuedBytes, message.Length);
        if ((queued > maxQueuedBytes || !_outgoing.Writer.TryWrite(message)) && !_closing)
        {
            // The client reads slower than the session writes (more messages or bytes queued than allowed): drop it; it
            // reconnects and catches up. No close frame: the socket is not taking what is queued before it.
            _abort.Cancel();
        }
    }

    private async Task<bool> ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var discard = new byte[4096];
        while (socket.State == WebSocketState.Open)
        {
            buffer.ResetWrittenCount();
            var tooLarge = false;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(tooLarge ? discard.AsMemory() : buffer.GetMemory(8192), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }

                if (!tooLarge)
                {
                    buffer.Advance(result.Count);
                    tooLarge = buffer.WrittenCount > MaxMessageBytes;
                }
            }
            while (!result.EndOfMessage);

            if (tooLarge || result.MessageType != WebSocketMessageType.Text)
            {
                Enqueue(SessionMessages.Error(tooLarge
                    ? $"A message is at most {MaxMessageBytes / 1024} KiB; this one was skipped."
                    : "Messages are JSON text frames; a binary frame was skipped."));
                continue;
            }

            await HandleAsync(buffer.WrittenMemory);
            if (_goAway is not null)
            {
                return false;
            }
        }

        return false;
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _outgoing.Reader.ReadAllAsync(cancellationToken))
        {
            if (ReferenceEquals(message, s_close))
            {
                // Whatever is queued after the close is never sent; the receive loop ends when the client answers it.
                _closing = true;
                await socket.CloseOutputAsync(_close.Status, _close.Description, cancellationToken);
                return;
            }

            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            Interlocked.Add(ref _queuedBytes, -message.Length);
        }
    }

    private async Task LeaveAsync()
    {
        if (_reference is not { } reference)
        {
            return;
        }

        try
        {
            if (_clientId is { } clientId)
            {
                await session.Leave(clientId, reference);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The session is unreachable; it drops this observer when a push to it fails.
        }
        finally
        {
            grains.DeleteObjectReference<ISessionObserver>(reference);
        }
    }

    /// <summary>Ends the connection after the current message: the client is to reconnect and say hello again.</summary>
    private void GoAway(string reason)
    {
        _goAway ??= reason;
        Enqueue(SessionMessages.Error(reason));
    }

    private async Task GoAwayQuietlyAsync(string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "reconnect: " + reason[..Math.Min(reason.Length, 100)], timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ArgumentException)
        {
            // Already gone.
        }
    }

    private async Task CloseQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Already gone.
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ChannelClosedException or IOException)
        {
            // The loop ended with the connection.
        }
    }

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? ReadInt64(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;
}
