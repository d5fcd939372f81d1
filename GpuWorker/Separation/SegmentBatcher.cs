using System.Threading.Channels;

namespace SampleMind.GpuWorker.Separation;

/// <summary>
/// Gathers segments from every concurrent request into batches for one model, so the device gets
/// full batches under load: the loop takes the oldest waiting segment, adds whatever else is
/// already waiting (up to the batch size, from any request), runs the batch, and completes each
/// segment's task with its own output. With one request and nothing else waiting, a batch is
/// whatever that request has in flight: no timer delays a lone request.
/// </summary>
internal sealed class SegmentBatcher : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<float[]>, IReadOnlyList<float[]>> _runBatch;
    private readonly int _batchSize;
    private readonly SeparationMeter? _meter;
    private readonly Task _loop;
    private long _batches;
    private long _segments;
    private int _largestBatch;
    private int _mostRequestsInBatch;

    /// <summary>
    /// Starts the loop; <paramref name="runBatch"/> runs the model on up to <paramref name="batchSize"/>
    /// segments and returns one output per segment, in order; <paramref name="meter"/> (when given)
    /// hears every batch and how long it ran.
    /// </summary>
    public SegmentBatcher(Func<IReadOnlyList<float[]>, IReadOnlyList<float[]>> runBatch, int batchSize, SeparationMeter? meter = null)
    {
        _meter = meter;
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _runBatch = runBatch;
        _batchSize = batchSize;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Batches run so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Segments run so far.</summary>
    public long Segments => Interlocked.Read(ref _segments);

    /// <summary>The largest batch run so far.</summary>
    public int LargestBatch => Volatile.Read(ref _largestBatch);

    /// <summary>The most distinct requests one batch has served.</summary>
    public int MostRequestsInBatch => Volatile.Read(ref _mostRequestsInBatch);

    /// <summary>Queues a segment of request <paramref name="request"/>; completes with its output.</summary>
    public Task<float[]> EnqueueAsync(float[] segment, object request, CancellationToken cancellationToken)
    {
        var pending = new Pending(segment, request, cancellationToken,
            new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SegmentBatcher));
        }

        return pending.Completion.Task;
    }

    private async Task LoopAsync()
    {
        var batch = new List<Pending>(_batchSize);
        var inputs = new List<float[]>(_batchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _batchSize && _queue.Reader.TryRead(out var item))
            {
                if (item.CancellationToken.IsCancellationRequested)
                {
                    item.Completion.TrySetCanceled(item.CancellationToken);
                    continue;
                }

                batch.Add(item);
            }

            if (batch.Count > 0)
            {
                inputs.Clear();
                inputs.AddRange(batch.Select(b => b.Segment));
                Run(batch, inputs);
            }
        }
    }

    private void Run(List<Pending> batch, List<float[]> inputs)
    {
        var requests = batch.Select(b => b.Request).Distinct().Count();
        try
        {
            using var running = _meter?.Run(batch.Count, requests);
            var outputs = _runBatch(inputs);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(outputs[i]);
            }
        }
        catch (Exception ex)
        {
            foreach (var item in batch)
            {
                item.Completion.TrySetException(ex);
            }
        }

        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _segments, batch.Count);
        InterlockedMax(ref _largestBatch, batch.Count);
        InterlockedMax(ref _mostRequestsInBatch, requests);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Stops taking segments and waits for the loop to finish the queued ones.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Pending(float[] Segment, object Request, CancellationToken CancellationToken, TaskCompletionSource<float[]> Completion);
}
