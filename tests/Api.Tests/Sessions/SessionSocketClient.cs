using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SampleMind.Collaboration;
using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>
/// A session participant over a real WebSocket to the test server, editing through an
/// <see cref="OtClient{TDoc, TOp}"/> (one op in flight, the rest buffered, one revision per local op).
/// Shared with EndToEnd.Tests (linked), so nothing here depends on the in-memory test server.
/// The client state survives <see cref="DisconnectAsync"/>; <see cref="ConnectAsync"/> rejoins with hello(lastRevision).
/// </summary>
internal sealed partial class SessionSocketClient
{
    private readonly Func<Uri, string?, IReadOnlyList<string>, Task<WebSocket>> _connect;
    private readonly string _sessionId;
    private readonly string _token;
    private readonly string _clientId;
    private readonly string _role;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private WebSocket? _socket;
    private Task? _receiving;
    private OtClient<JsonObject, ProjectOperation>? _ot;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A participant of a real host; <paramref name="baseAddress"/> returns the host to (re)connect to, e.g. http://127.0.0.1:5080.</summary>
    public SessionSocketClient(Func<Uri> baseAddress, string sessionId, string token, string clientId, string role = "editor")
        : this(async (uri, bearer, protocols) =>
        {
            var socket = new ClientWebSocket();
            if (bearer is not null)
            {
                socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
            }

            foreach (var protocol in protocols)
            {
                socket.Options.AddSubProtocol(protocol);
            }

            var http = baseAddress();
            var ws = new UriBuilder(http) { Scheme = http.Scheme == "https" ? "wss" : "ws", Path = uri.AbsolutePath, Query = uri.Query.TrimStart('?') }.Uri;
            await socket.ConnectAsync(ws, CancellationToken.None);
            return socket;
        }, sessionId, token, clientId, role)
    {
    }

    private SessionSocketClient(Func<Uri, string?, IReadOnlyList<string>, Task<WebSocket>> connect, string sessionId, string token, string clientId, string role)
    {
        _connect = connect;
        _sessionId = sessionId;
        _token = token;
        _clientId = clientId;
        _role = role;
    }

    public string ClientId => _clientId;

    public ConcurrentQueue<JsonObject> Errors { get; } = new();

    public ConcurrentQueue<JsonObject> Received { get; } = new();

    /// <summary>
    /// What stopped this client's reading while its socket was still open (a message it could not take in, such as an op
    /// past a missing revision); the socket is then aborted, so the client is disconnected and may reconnect.
    /// </summary>
    public ConcurrentQueue<string> Faults { get; } = new();

    /// <summary>Every committed op this client took in (others' ops and acks of its own), in the order taken; duplicates' acks left out.</summary>
    public ConcurrentQueue<(long Revision, string ClientId, long ClientSeq)> Committed { get; } = new();

    /// <summary>Snapshots received (the first one on joining; any later one replaced the local state).</summary>
    public int Snapshots { get; private set; }

    /// <summary>Local ops made (each one revision once committed).</summary>
    public int LocalOps { get; private set; }

    public string? GrantedRole { get; private set; }

    /// <summary>True while the socket is open (false after a drop by either side).</summary>
    public bool IsConnected => _socket is { State: WebSocketState.Open };

    public long Revision
    {
        get
        {
            lock (_gate)
            {
                return _ot?.Revision ?? -1;
            }
        }
    }

    /// <summary>Local ops not yet acknowledged (the in-flight one included).</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _ot?.PendingCount ?? 0;
            }
        }
    }

    public bool IsSynchronized
    {
        get
        {
            lock (_gate)
            {
                return _ot is { IsSynchronized: true };
            }
        }
    }

    public string DocumentJson
    {
        get
        {
            lock (_gate)
            {
                return _ot!.Document.ToJsonString();
            }
        }
    }

    /// <summary>The status of the close frame the server sent on the last connection (null: none, or not yet).</summary>
    public WebSocketCloseStatus? CloseStatus => _socket?.CloseStatus;

    /// <summary>The subprotocol the server selected on the last connection (null: none).</summary>
    public string? SubProtocol => _socket?.SubProtocol;

    /// <summary>
    /// Connects, says hello (with the last revision when reconnecting) and waits for the welcome. The key goes in the
    /// Authorization header, or, as a browser sends it, as the subprotocol "bearer.smk_..." beside "samplemind.session".
    /// </summary>
    public async Task ConnectAsync(bool keyAsSubprotocol = false)
    {
        _socket = await _connect(
            new Uri($"ws://localhost/v1/sessions/{_sessionId}/ws"),
            keyAsSubprotocol ? null : _token,
            keyAsSubprotocol ? ["samplemind.session", "bearer." + _token] : []);
        _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiving = ReceiveLoopAsync(_socket);
        long lastRevision;
        lock (_gate)
        {
            lastRevision = _ot?.Revision ?? -1;
        }

        await SendJsonAsync(new JsonObject { ["type"] = "hello", ["clientId"] = _clientId, ["lastRevision"] = lastRevision, ["role"] = _role });
        await _ready.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Drops whatever is left of the last connection (dropped by either side or not) and connects again.</summary>
    public async Task ReconnectAsync()
    {
        if (_socket is not null)
        {
            await DisconnectAsync();
        }

        await ConnectAsync();
    }

    /// <summary>Drops the connection without a close handshake (the client keeps its local state).</summary>
    public async Task DisconnectAsync()
    {
        _socket!.Abort();
        await Quietly(_receiving!);
        _socket.Dispose();
        _socket = null;
    }

    public async Task CloseAsync()
    {
        if (_socket is { State: WebSocketState.Open } socket)
        {
            // The receive loop reads the server's close frame; CloseAsync would wait for a second one.
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            await Quietly(_receiving!);
        }
    }

    /// <summary>Makes a local op from the local document (null: none) and sends it when nothing is in flight.</summary>
    public async Task EditAsync(Func<JsonObject, Random, ProjectOperation?> make, Random random)
    {
        Submission<ProjectOperation>? send = null;
        lock (_gate)
        {
            var op = make(_ot!.Document, random);
            if (op is null)
            {
                return;
            }

            LocalOps++;
            send = _ot.ApplyLocal(op);
        }

        await SendSubmissionAsync(send);
    }

    public Task SendJsonAsync(JsonObject message) => SendTextAsync(message.ToJsonString());

    public async Task SendTextAsync(string text)
    {
        if (_socket is not { } socket)
        {
            return;
        }

        await _sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // Disconnected meanwhile (an aborted socket's send ends in OperationCanceledException even
            // without a token): the op stays in flight and is resent on reconnect.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private Task SendSubmissionAsync(Submission<ProjectOperation>? submission) =>
        submission is not { } s ? Task.CompletedTask : SendJsonAsync(new JsonObject
        {
            ["type"] = "op",
            ["clientSeq"] = s.ClientSeq,
            ["baseRevision"] = s.BaseRevision,
            ["op"] = JsonSerializer.SerializeToNode(s.Op, CollaborationJsonContext.Default.ProjectOperation),
        });

    private async Task ReceiveLoopAsync(WebSocket socket)
    {
        var buffer = new byte[1 << 20];
        while (socket.State == WebSocketState.Open)
        {
            var count = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                count += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            var message = JsonNode.Parse(buffer.AsSpan(0, count))!.AsObject();
            Received.Enqueue(message);
            try
            {
                await SendSubmissionAsync(Handle(message));
            }
            catch (Exception e) when (socket.State == WebSocketState.Open)
            {
                // Reading stops here; left open, the socket would look connected to a client that no longer reads.
                var text = message.ToJsonString();
                Faults.Enqueue($"{e.GetType().Name} on {text[..Math.Min(200, text.Length)]}: {e.Message}");
                socket.Abort();
                return;
            }
        }
    }

    private Submission<ProjectOperation>? Handle(JsonObject message)
    {
        lock (_gate)
        {
            switch (message["type"]!.GetValue<string>())
            {
                case "welcome":
                    GrantedRole = message["role"]!.GetValue<string>();
                    if (_ot is null)
                    {
                        return null; // the snapshot follows
                    }

                    _ready.TrySetResult();
                    return _ot.ResendInFlight();
                case "snapshot":
                    // Starting over: unacknowledged local ops are dropped (docs/sessions.md); sequence numbers go on, since
                    // the server takes a number it has committed for a duplicate.
                    Snapshots++;
                    var document = message["document"]!.AsObject();
                    _ot = new OtClient<JsonObject, ProjectOperation>(ProjectOtType.Instance, _clientId, (JsonObject)document.DeepClone(),
                        message["revision"]!.GetValue<long>(), composeBuffer: false, firstSeq: _ot?.NextSeq ?? 1);
                    _ready.TrySetResult();
                    return null;
                case "op":
                    var op = message["op"].Deserialize(CollaborationJsonContext.Default.ProjectOperation)!;
                    Record(message, message["clientId"]!.GetValue<string>());
                    return _ot!.Receive(new CommittedOp<ProjectOperation>(
                        message["revision"]!.GetValue<long>(), message["clientId"]!.GetValue<string>(), message["clientSeq"]!.GetValue<long>(), op));
                case "ack":
                    Record(message, _clientId);
                    return _ot!.Receive(new CommittedOp<ProjectOperation>(
                        message["revision"]!.GetValue<long>(), _clientId, message["clientSeq"]!.GetValue<long>(), ProjectOperation.Noop));
                case "error":
                    Errors.Enqueue(message);
                    return null;
                default:
                    return null;
            }
        }
    }

    /// <summary>Logs a committed op the client takes in; an ack of a resent op (at or below its revision) is a duplicate's, not a new op.</summary>
    private void Record(JsonObject message, string clientId)
    {
        var revision = message["revision"]!.GetValue<long>();
        if (revision > _ot!.Revision)
        {
            Committed.Enqueue((revision, clientId, message["clientSeq"]!.GetValue<long>()));
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The socket was dropped on purpose.
        }
    }
}
