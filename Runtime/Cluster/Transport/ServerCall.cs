using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>
/// A call that came in on a <see cref="ServerStream"/>: answered exactly once, when its request
/// completes (it observes the request, so no task is made). A call whose method takes a
/// <see cref="CancellationToken"/> the caller can cancel gets its own token, tripped by a
/// <see cref="FrameKind.Cancel"/> frame or when the calling silo's stream breaks.
/// </summary>
internal sealed class ServerCall(long id, ServerStream stream) : IRequestCompletionObserver
{
    private CancellationTokenSource? _cancellation;
    private int _answered;

    public long Id { get; } = id;

    /// <summary>The token this call's grain method gets (created, and tracked by the stream, on first use).</summary>
    public CancellationToken Cancellation
    {
        get
        {
            if (_cancellation is null)
            {
                _cancellation = new CancellationTokenSource();
                stream.Track(this);
            }

            return _cancellation.Token;
        }
    }

    public bool IsCancellable => _cancellation is not null;

    /// <summary>Trips the token; its callbacks run on the thread pool, never on the stream's reader.</summary>
    public void Cancel()
    {
        if (_cancellation is { IsCancellationRequested: false } cancellation)
        {
            _ = cancellation.CancelAsync();
        }
    }

    public void OnCompleted(GrainRequest request, Exception? error) => Answer(request, error);

    /// <summary>Answers the caller (once): the request's result, or <paramref name="error"/>.</summary>
    public void Answer(GrainRequest? request, Exception? error)
    {
        if (Interlocked.Exchange(ref _answered, 1) == 0)
        {
            stream.Answer(this, request, error);
        }
    }
}
