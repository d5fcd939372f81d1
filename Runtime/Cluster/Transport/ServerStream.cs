using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>
/// One calling silo's stream on the server. Answers are written as frames into a shared buffer on
/// the thread that completed the call; one pump swaps the buffer out and writes and flushes it, so
/// every answer that completed meanwhile goes out in the same write (two buffers, reused).
/// </summary>
internal sealed class ServerStream
{
    private readonly Lock _lock = new();
    private readonly WriteSignal _signal = new();
    private readonly ConcurrentDictionary<long, ServerCall> _cancellable = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FrameBuffer _pending = new(16 * 1024);
    private FrameBuffer _spare = new(16 * 1024);
    private bool _signaled;
    private bool _closed;
    private int _unanswered = 1;

    public void CallStarted() => Interlocked.Increment(ref _unanswered);

    public void Track(ServerCall call) => _cancellable[call.Id] = call;

    /// <summary>The caller gave up on call <paramref name="callId"/> (a cancel frame).</summary>
    public void Cancel(long callId)
    {
        if (_cancellable.TryGetValue(callId, out var call))
        {
            call.Cancel();
        }
    }

    /// <summary>The calling silo is gone: every call still running is canceled.</summary>
    public void CancelAll()
    {
        foreach (var call in _cancellable.Values)
        {
            call.Cancel();
        }
    }

    public void Answer(ServerCall call, GrainRequest? request, Exception? error)
    {
        if (call.IsCancellable)
        {
            _cancellable.TryRemove(call.Id, out _);
        }

        bool wake;
        lock (_lock)
        {
            var output = _pending;
            if (error is null && request is not null)
            {
                var start = output.Length;
                try
                {
                    var frame = output.BeginFrame(FrameKind.Result, call.Id);
                    var blob = output.BeginBlob();
                    var json = output.Json();
                    request.WriteResult(json);
                    json.Flush();
                    output.EndBlob(blob);
                    output.EndFrame(frame);
                }
                catch (Exception ex)
                {
                    output.Truncate(start);
                    WriteError(output, call.Id, ex);
                }
            }
            else if (error is NotOwnerException)
            {
                output.WriteEmptyFrame(FrameKind.NotOwner, call.Id);
            }
            else
            {
                WriteError(output, call.Id, error ?? new OperationCanceledException());
            }

            wake = SignalLocked();
        }

        if (wake)
        {
            _signal.Set();
        }

        Release();
    }

    private static void WriteError(FrameBuffer output, long callId, Exception error)
    {
        var (type, message) = ErrorCodec.Describe(error);
        var frame = output.BeginFrame(FrameKind.Error, callId);
        output.WriteString(type);
        output.WriteString(message);
        output.EndFrame(frame);
    }

    /// <summary>No more calls will be read; completes when every call read has been answered.</summary>
    public Task EndReadingAsync()
    {
        Release();
        return _drained.Task;
    }

    /// <summary>Queues the <see cref="FrameKind.Closing"/> frame, after which the pump ends.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _pending.WriteEmptyFrame(FrameKind.Closing, 0);
            _closed = true;
            SignalLocked();
        }

        _signal.Set();
    }

    /// <summary>Writes and flushes what was answered, batch by batch, until <see cref="Close"/> (or the stream breaks).</summary>
    public async Task PumpAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        using var wake = cancellationToken.UnsafeRegister(static s => ((WriteSignal)s!).Set(), _signal);
        try
        {
            while (true)
            {
                await _signal.WaitAsync();
                cancellationToken.ThrowIfCancellationRequested();
                FrameBuffer batch;
                bool closed;
                lock (_lock)
                {
                    batch = _pending;
                    _pending = _spare;
                    _signaled = false;
                    closed = _closed;
                }

                if (batch.Length > 0)
                {
                    output.Write(batch.WrittenMemory.Span);
                    batch.Clear();
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                _spare = batch;
                if (closed)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
        }
    }

    /// <summary>True when the pump must be woken (after leaving the lock: it may run on this thread).</summary>
    private bool SignalLocked()
    {
        var wake = !_signaled;
        _signaled = true;
        return wake;
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _unanswered) == 0)
        {
            _drained.TrySetResult();
        }
    }
}
