using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using Microsoft.Extensions.Logging;
using SampleMind.Runtime.Diagnostics;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>
/// One long-lived HTTP/2 stream to another silo. A call is encoded as a frame on the caller's
/// thread into a shared buffer; one writer swaps the buffer out and writes and flushes it, so
/// every call queued meanwhile goes out in the same write (batching under load, no allocation per
/// frame). Answers come back on the response body in any order, matched by call id. A caller whose
/// token is canceled, or whose call timed out, stops waiting and a <see cref="FrameKind.Cancel"/>
/// frame tells the owner. When the stream ends, calls never handed to the stream are routed again;
/// calls sent but unanswered fail (at most once), unless the other silo announced
/// <see cref="FrameKind.Closing"/>, which promises it read none of them. Calls are written only once the other silo
/// has accepted the stream (its response headers, which it sends before it reads a call): a stream it never took
/// (refused by the HTTP/2 GOAWAY of a silo shutting down, or reset before it answered) carried no call, so its calls are
/// routed again instead of failing as possibly run.
/// </summary>
internal sealed class SiloConnection
{
    /// <summary>How often calls that timed out at the caller are looked for (and cancelled at the owner).</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(500);

    private readonly Lock _lock = new();
    private readonly WriteSignal _signal = new();
    private readonly ConcurrentDictionary<long, RemoteCall> _inflight = new();
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Set once the other silo has answered the stream's request with its headers: calls may be written.</summary>
    private readonly TaskCompletionSource _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpClient _client;
    private readonly IRemoteCallSink _sink;
    private readonly ILogger _logger;
    private readonly ITimer _sweeper;
    private FrameBuffer _pending = new(16 * 1024);
    private FrameBuffer _spare = new(16 * 1024);
    private bool _signaled;
    private long _nextId;
    private long _sentThrough;
    private volatile bool _closed;

    public SiloConnection(string address, HttpClient client, IRemoteCallSink sink, ILogger logger)
    {
        Address = address;
        _client = client;
        _sink = sink;
        _logger = logger;
        _sweeper = sink.Time.CreateTimer(static s => ((SiloConnection)s!).SweepCompleted(), this, SweepInterval, SweepInterval);
        _stop.Token.UnsafeRegister(static s => ((WriteSignal)s!).Set(), _signal);
        _ = RunAsync();
    }

    public string Address { get; }

    public bool IsClosed => _closed;

    /// <summary>Queues a call; false when this connection is closed (the caller opens another).</summary>
    public bool TrySend(RemoteCall call)
    {
        var request = call.Request;
        RequestShape shape;
        try
        {
            shape = RequestShape.For(request);
        }
        catch (Exception ex)
        {
            request.TryFail(ex);
            return true;
        }

        var token = shape.CancellationOf(request);
        if (token.IsCancellationRequested)
        {
            request.TryFail(new OperationCanceledException($"{request} was canceled by its caller.", token));
            return true;
        }

        bool signal;
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            var id = ++_nextId;
            var start = _pending.Length;
            try
            {
                Encode(shape, request, id);
            }
            catch (Exception ex)
            {
                _pending.Truncate(start);
                request.TryFail(ex);
                return true;
            }

            call.Connection = this;
            call.Id = id;
            _inflight[id] = call;
            signal = !_signaled;
            _signaled = true;
        }

        if (signal)
        {
            _signal.Set();
        }

        if (token.CanBeCanceled)
        {
            call.Registration = token.UnsafeRegister(static s => ((RemoteCall)s!).Connection?.Cancel((RemoteCall)s), call);
            if (request.IsCompleted)
            {
                call.Registration.Unregister();
            }
        }

        return true;
    }

    public void Close() => _stop.Cancel();

    private void Encode(RequestShape shape, Invocation.GrainRequest request, long id)
    {
        var output = _pending;
        var client = request.IsTraced ? RuntimeTracing.TraceOf(request) as Activity : null;
        var frame = output.BeginFrame(client is null ? FrameKind.Call : FrameKind.TracedCall, id);
        if (client is not null)
        {
            TraceContextCodec.Write(output, client);
        }

        output.WriteInt32(shape.InterfaceId);
        output.WriteInt32(request.MethodId);
        output.WriteString(request.Target.Type);
        output.WriteString(request.Target.Key);
        output.WriteByte((byte)shape.ArgumentCount);
        for (var i = 0; i < shape.ArgumentCount; i++)
        {
            var blob = output.BeginBlob();
            shape.WriteArgument(request, i, output, _sink.ExportAddress);
            output.EndBlob(blob);
        }

        output.EndFrame(frame);
    }

    /// <summary>The caller's token was canceled: the caller stops waiting, and the owner is told.</summary>
    private void Cancel(RemoteCall call)
    {
        if (_inflight.TryRemove(new KeyValuePair<long, RemoteCall>(call.Id, call)))
        {
            call.Request.TryFail(new OperationCanceledException($"{call.Request} was canceled by its caller."));
            SendCancel(call.Id);
        }
    }

    /// <summary>Calls that completed while in flight here timed out at the caller: forget them, and tell the owner.</summary>
    private void SweepCompleted()
    {
        foreach (var (id, call) in _inflight)
        {
            if (call.Request.IsCompleted && _inflight.TryRemove(new KeyValuePair<long, RemoteCall>(id, call)))
            {
                call.Registration.Unregister();
                SendCancel(id);
            }
        }
    }

    private void SendCancel(long id)
    {
        bool signal;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _pending.WriteEmptyFrame(FrameKind.Cancel, id);
            signal = !_signaled;
            _signaled = true;
        }

        if (signal)
        {
            _signal.Set();
        }
    }

    private async Task RunAsync()
    {
        var closing = false;
        var reason = "this silo closed it";
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Address + ClusterServer.CallsPath)
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new CallStreamContent(this),
            };
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            _accepted.TrySetResult();
            await using var stream = await response.Content.ReadAsStreamAsync(_stop.Token);
            closing = await ReadResponsesAsync(PipeReader.Create(stream), _stop.Token);
            reason = closing ? "closing" : "its response stream ended without the Closing frame";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            reason = $"{ex.GetType().Name}: {ex.Message}";
            ClusterLog.ConnectionFailed(_logger, Address, ex);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Shutdown(closing, reason);
        }
    }

    /// <summary>Ends the connection; <paramref name="reason"/> (why it ended) goes into the errors of calls it fails.</summary>
    private void Shutdown(bool closing, string reason)
    {
        long sentThrough;
        lock (_lock)
        {
            _closed = true;
            sentThrough = _sentThrough;
        }

        _stop.Cancel();
        _sweeper.Dispose();
        foreach (var id in _inflight.Keys)
        {
            if (!_inflight.TryRemove(id, out var call))
            {
                continue;
            }

            call.Registration.Unregister();
            if (closing)
            {
                _sink.Retry(call, $"{Address} closed the stream before reading the call");
            }
            else if (id > sentThrough)
            {
                _sink.Retry(call, $"the connection to {Address} closed before the call was sent");
            }
            else
            {
                call.Request.TryFail(new SiloUnavailableException(
                    $"The connection to silo {Address} broke ({reason}) while {call.Request} was in flight: it may or may not have run (calls are at most once)."));
            }
        }
    }

    private async Task<bool> ReadResponsesAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            while (FrameParser.TryRead(ref buffer, out var frame))
            {
                if (OnResponse(frame))
                {
                    return true;
                }
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return false;
            }
        }
    }

    private bool OnResponse(in ReadOnlySequence<byte> frame)
    {
        byte[]? rented = null;
        try
        {
            var reader = new FrameReader(FrameParser.Contiguous(frame, ref rented));
            var kind = reader.ReadKind();
            var id = reader.ReadInt64();
            if (kind == FrameKind.Closing)
            {
                return true;
            }

            if (!_inflight.TryRemove(id, out var call))
            {
                return false;
            }

            call.Registration.Unregister();
            switch (kind)
            {
                case FrameKind.Result:
                    Complete(call, reader.ReadBlob());
                    break;
                case FrameKind.Error:
                    call.Request.TryFail(ErrorCodec.Read(reader.ReadString(), reader.ReadString()));
                    break;
                default:
                    _sink.Retry(call, $"{Address} does not own the grain's partition");
                    break;
            }

            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void Complete(RemoteCall call, ReadOnlySpan<byte> result)
    {
        try
        {
            call.Request.TryCompleteFromWire(result);
        }
        catch (Exception ex)
        {
            call.Request.TryFail(ex);
        }
    }

    /// <summary>
    /// The request body: once the other silo has accepted the stream, writes the queued frames, batch by batch, until the
    /// connection stops.
    /// </summary>
    private sealed class CallStreamContent(SiloConnection connection) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var stop = connection._stop.Token;
            await stream.FlushAsync(cancellationToken);
            try
            {
                await connection._accepted.Task.WaitAsync(stop);
                while (true)
                {
                    await connection._signal.WaitAsync();
                    stop.ThrowIfCancellationRequested();
                    var batch = connection.TakeBatch();
                    if (batch.Length > 0)
                    {
                        await stream.WriteAsync(batch.WrittenMemory, stop);
                        await stream.FlushAsync(stop);
                    }

                    batch.Clear();
                    connection._spare = batch;
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>The frames queued so far; every call with an id up to now counts as handed to the stream.</summary>
    private FrameBuffer TakeBatch()
    {
        lock (_lock)
        {
            var batch = _pending;
            _pending = _spare;
            _signaled = false;
            _sentThrough = _nextId;
            return batch;
        }
    }
}
