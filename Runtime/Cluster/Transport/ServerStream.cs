using System.Threading.Channels;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>One caller's stream on the server: its answers, and how many calls read from it still await one.</summary>
internal sealed class ServerStream
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending = 1;

    public Channel<byte[]> Responses { get; } = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

    public void CallStarted() => Interlocked.Increment(ref _pending);

    public void Answer(byte[] frame)
    {
        Responses.Writer.TryWrite(frame);
        Release();
    }

    /// <summary>No more calls will be read; completes when every call read has been answered.</summary>
    public Task EndReadingAsync()
    {
        Release();
        return _drained.Task;
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _drained.TrySetResult();
        }
    }
}
