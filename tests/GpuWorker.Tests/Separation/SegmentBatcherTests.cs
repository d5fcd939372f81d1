using SampleMind.GpuWorker.Separation;

namespace SampleMind.GpuWorker.Tests.Separation;

public sealed class SegmentBatcherTests
{
    [Fact]
    public async Task Segments_waiting_from_several_requests_share_one_batch()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<int>();
        await using var batcher = new SegmentBatcher(segments =>
        {
            lock (batches)
            {
                batches.Add(segments.Count);
            }

            if (batches.Count == 1)
            {
                entered.SetResult();
                release.Task.Wait();
            }

            return segments.Select(s => s.Select(x => x * 2).ToArray()).ToArray();
        }, batchSize: 4);
        var first = batcher.EnqueueAsync([1f], "request-0", CancellationToken.None);
        await entered.Task;

        var queued = Enumerable.Range(0, 6)
            .Select(i => batcher.EnqueueAsync([i], $"request-{1 + (i % 3)}", CancellationToken.None))
            .ToArray();
        release.SetResult();
        var results = await Task.WhenAll(queued);

        var firstResult = await first;
        Assert.Equal(new[] { 2f }, firstResult);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => new[] { i * 2f }), results);
        Assert.Equal(new[] { 1, 4, 2 }, batches);
        Assert.Equal(3, batcher.MostRequestsInBatch);
        Assert.Equal(7, batcher.Segments);
    }

    [Fact]
    public async Task A_failed_batch_fails_every_segment_in_it()
    {
        await using var batcher = new SegmentBatcher(_ => throw new InvalidOperationException("device lost"), batchSize: 2);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.EnqueueAsync([1f], "r", CancellationToken.None));

        Assert.Equal("device lost", ex.Message);
    }

    [Fact]
    public async Task A_cancelled_segment_is_not_run()
    {
        var runs = 0;
        await using var batcher = new SegmentBatcher(segments =>
        {
            Interlocked.Add(ref runs, segments.Count);
            return segments;
        }, batchSize: 2);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batcher.EnqueueAsync([1f], "r", cancelled.Token));
        var after = await batcher.EnqueueAsync([3f], "r", CancellationToken.None);

        Assert.Equal(new[] { 3f }, after);
        Assert.Equal(1, Volatile.Read(ref runs));
    }
}
