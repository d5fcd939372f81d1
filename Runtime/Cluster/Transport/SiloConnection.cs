using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>
/// One long-lived HTTP/2 stream to another silo: calls go out as frames on the request body, all
/// calls queued at the time in one write (batching under load), and answers come back on the
/// response body in any order, matched by call id. When the stream ends, calls never written are
/// handed back for routing again; calls written but unanswered fail (at most once), unless the
/// other silo announced <see cref="FrameKind.Closing"/>, which promises it read none of them.
/// </summary>
internal sealed class SiloConnection
{
    private const int BatchBytes = 256 * 1024;
    private readonly Channel<RemoteCall> _outgoing = Channel.CreateUnbounded<RemoteCall>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, RemoteCall> _inflight = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _client;
    private readonly IRemoteCallSink _sink;
    private readonly ILogger _logger;
    private long _nextId;
    private volatile bool _closed;

    public SiloConnection(string address, HttpClient client, IRemoteCallSink sink, ILogger logger)
    {
        Address = address;
        _client = client;
        _sink = sink;
        _logger = logger;
        _ = RunAsync();
    }

    public string Address { get; }

    public bool IsClosed => _closed;

    /// <summary>Queues a call; false when this connection is closed (the caller opens another).</summary>
    public bool TrySend(RemoteCall call) => _outgoing.Writer.TryWrite(call);

    public void Close() => _stop.Cancel();

    private async Task RunAsync()
    {
        var closing = false;
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
            await using var stream = await response.Content.ReadAsStreamAsync(_stop.Token);
            closing = await ReadResponsesAsync(PipeReader.Create(stream), _stop.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            ClusterLog.ConnectionFailed(_logger, Address, ex);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Shutdown(closing);
        }
    }

    private void Shutdown(bool closing)
    {
        _closed = true;
        _outgoing.Writer.TryComplete();
        _stop.Cancel();
        while (_outgoing.Reader.TryRead(out var unsent))
        {
            _sink.Retry(unsent, $"the connection to {Address} closed before the call was sent");
        }

        foreach (var id in _inflight.Keys)
        {
            if (_inflight.TryRemove(id, out var call))
            {
                if (closing)
                {
                    _sink.Retry(call, $"{Address} closed the stream before reading the call");
                }
                else
                {
                    call.Request.TryFail(new SiloUnavailableException(
                        $"The connection to silo {Address} broke while {call.Request} was in flight: it may or may not have run (calls are at most once)."));
                }
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

    /// <summary>The request body: writes queued calls as frames until the connection stops.</summary>
    private sealed class CallStreamContent(SiloConnection connection) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var reader = connection._outgoing.Reader;
            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            await stream.FlushAsync(cancellationToken);
            try
            {
                while (await reader.WaitToReadAsync(connection._stop.Token))
                {
                    buffer.ResetWrittenCount();
                    while (buffer.WrittenCount < BatchBytes && reader.TryRead(out var call))
                    {
                        connection.Encode(call, buffer);
                    }

                    await stream.WriteAsync(buffer.WrittenMemory, connection._stop.Token);
                    await stream.FlushAsync(connection._stop.Token);
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

    private void Encode(RemoteCall call, ArrayBufferWriter<byte> buffer)
    {
        var request = call.Request;
        byte[][] arguments;
        RequestShape shape;
        try
        {
            shape = RequestShape.For(request);
            arguments = new byte[shape.ArgumentCount][];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = shape.WriteArgument(request, i, _sink.ExportAddress);
            }
        }
        catch (Exception ex)
        {
            request.TryFail(ex);
            return;
        }

        var id = Interlocked.Increment(ref _nextId);
        _inflight[id] = call;
        var writer = new FrameWriter(buffer, FrameKind.Call, id);
        writer.WriteInt32(shape.InterfaceId);
        writer.WriteInt32(request.MethodId);
        writer.WriteString(request.Target.Type);
        writer.WriteString(request.Target.Key);
        writer.WriteByte((byte)arguments.Length);
        foreach (var argument in arguments)
        {
            writer.WriteBlob(argument);
        }

        writer.Complete();
    }
}
