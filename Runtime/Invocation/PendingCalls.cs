namespace SampleMind.Runtime.Invocation;

/// <summary>
/// Calls awaiting a response, in an intrusive list (no allocation per call). A periodic sweep fails
/// those past their deadline with a <see cref="GrainCallTimeoutException"/>.
/// </summary>
internal sealed class PendingCalls(TimeProvider time, TimeSpan responseTimeout)
{
    private readonly Lock _lock = new();
    private GrainRequest? _head;

    public TimeSpan ResponseTimeout { get; } = responseTimeout;

    public void Add(GrainRequest request)
    {
        request.DeadlineTicks = time.GetUtcNow().UtcTicks + ResponseTimeout.Ticks;
        lock (_lock)
        {
            if (request.IsPending || request.IsCompleted)
            {
                return;
            }

            request.IsPending = true;
            request.PendingNext = _head;
            if (_head is not null)
            {
                _head.PendingPrev = request;
            }

            _head = request;
        }
    }

    public void Remove(GrainRequest request)
    {
        lock (_lock)
        {
            Unlink(request);
        }
    }

    private void Unlink(GrainRequest request)
    {
        if (!request.IsPending)
        {
            return;
        }

        if (request.PendingPrev is { } prev)
        {
            prev.PendingNext = request.PendingNext;
        }
        else
        {
            _head = request.PendingNext;
        }

        if (request.PendingNext is { } next)
        {
            next.PendingPrev = request.PendingPrev;
        }

        request.PendingPrev = request.PendingNext = null;
        request.IsPending = false;
    }

    /// <summary>Fails every call past its deadline; returns how many.</summary>
    public int Sweep()
    {
        var now = time.GetUtcNow().UtcTicks;
        List<GrainRequest>? expired = null;
        lock (_lock)
        {
            for (var r = _head; r is not null;)
            {
                var next = r.PendingNext;
                if (r.DeadlineTicks <= now)
                {
                    Unlink(r);
                    (expired ??= []).Add(r);
                }

                r = next;
            }
        }

        if (expired is null)
        {
            return 0;
        }

        // Describe every expired call before failing any, so each message shows the waits as they were.
        var messages = expired.ConvertAll(Describe);
        for (var i = 0; i < expired.Count; i++)
        {
            expired[i].TryFail(new GrainCallTimeoutException(messages[i]));
        }

        return expired.Count;
    }

    private string Describe(GrainRequest request) =>
        $"Call to {request.Target}.{request.MethodName} got no response within {ResponseTimeout.TotalSeconds:0.###} s. " +
        $"Call chain: {request.DescribeChain()}. Wait chain: {request.DescribeWaitFor()} " +
        "A call cycle between non-reentrant grains (a grain awaiting, directly or through others, a call back into itself) " +
        "is the likely cause; otherwise a grain method is blocked or slow. Mark the method [AlwaysInterleave] or the class [Reentrant], or break the cycle.";
}
