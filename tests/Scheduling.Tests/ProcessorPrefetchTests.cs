using System.Collections.Concurrent;
using SampleMind.Scheduling.Processing;
using SampleMind.Scheduling.Tests.Infrastructure;
using SampleMind.TestSupport;

namespace SampleMind.Scheduling.Tests;

/// <summary>The worker loop's wake-up on new work and its prefetch of claimed items.</summary>
public sealed class ProcessorPrefetchTests
{
    private static readonly TimeSpan Deadline = ProcessorRun.Deadline;

    [Theory, BothProviders]
    public async Task An_idle_processor_takes_items_enqueued_after_it_found_the_queue_empty_without_waiting_out_its_idle_delay(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 1);

        await AssertLaterItemsWakeTheWorkerAsync(queue, queue, store.Time);
        Assert.Equal(0, (await queue.GetJobCountsAsync("job"))!.Pending);
    }

    [Fact]
    public async Task On_postgres_an_idle_worker_is_woken_by_work_another_process_enqueued()
    {
        await using var store = await QueueStore.CreateAsync(QueueStore.Postgres);
        var enqueuer = await store.NewQueue().WithJobAsync("job", 1);

        // Two queue instances stand for two silos: only the enqueuer's NOTIFY can wake the worker before its idle hour.
        await AssertLaterItemsWakeTheWorkerAsync(enqueuer, store.NewQueue(), store.Time);
    }

    [Theory, BothProviders]
    public async Task A_busy_worker_holds_its_slots_plus_the_prefetch_and_starts_the_prefetched_items_as_slots_free(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 10);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (handlers, started) = GatedAnalysis(gate.Task);

        await ProcessorRun.UntilAsync(queue, handlers, Options(concurrency: 2, prefetch: 3), store.Time, async () =>
        {
            await Eventually.HoldsAsync(async () => started.Count == 2 && (await queue.GetJobCountsAsync("job"))!.Leased == 5, Deadline,
                "two items running and three prefetched");
            var counts = (await queue.GetJobCountsAsync("job"))!;
            Assert.Equal((5L, 5L, 2), (counts.Leased, counts.Pending, started.Count));
            gate.SetResult();
            await Eventually.HoldsAsync(async () => (await queue.GetJobCountsAsync("job"))!.Succeeded == 10, Deadline, "every item");
            return true;
        }, "the job");

        Assert.Equal(10, started.Distinct().Count());
    }

    [Theory, BothProviders]
    public async Task A_prefetched_item_whose_lease_was_taken_while_it_waited_is_left_to_its_new_holder(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var inner = await store.NewQueue().WithJobAsync("job", 2);
        var queue = new RenewCountingQueue(inner);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (handlers, started) = GatedAnalysis(gate.Task);
        var options = Options(concurrency: 1, prefetch: 1);
        options.LeaseDuration = TimeSpan.FromSeconds(30);
        options.RenewInterval = TimeSpan.FromSeconds(10);
        WorkItem? stolen = null;

        await ProcessorRun.UntilAsync(queue, handlers, options, store.Time, async () =>
        {
            await Eventually.HoldsAsync(async () => started.Count == 1 && (await inner.GetJobCountsAsync("job"))!.Leased == 2, Deadline,
                "one item running, one prefetched");
            // At 10 s the running item's lease is renewed (to 40 s); the prefetched one's is not and runs out at 30 s.
            store.Time.Advance(TimeSpan.FromSeconds(10));
            await Eventually.HoldsAsync(() => queue.Renewals >= 1, Deadline, "the running item's renewal");
            Assert.Equal(0, queue.RefusedRenewals);
            store.Time.Advance(TimeSpan.FromSeconds(21));
            stolen = Assert.Single(await inner.ClaimAsync("thief", Work.Cpu, 5, Work.Lease));
            gate.SetResult();
            // The worker finishes its item, then tries to renew the prefetched one before starting it and is refused.
            await Eventually.HoldsAsync(async () => queue.RefusedRenewals == 1 && (await inner.GetJobCountsAsync("job"))!.Succeeded == 1,
                Deadline, "the first item done and the prefetched one refused");
            return true;
        }, "the first item");

        Assert.NotNull(stolen);
        Assert.DoesNotContain(stolen.ItemKey, started);
        Assert.True(await inner.CompleteAsync(stolen.Id, stolen.LeaseToken, "{}"));
        Assert.Equal(2, (await inner.GetJobCountsAsync("job"))!.Succeeded);
    }

    [Theory, BothProviders]
    public async Task Finished_items_are_recorded_with_the_next_claim_not_one_transaction_each(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = new RenewCountingQueue(await store.NewQueue().WithJobAsync("job", 20));
        var handlers = new Dictionary<string, IWorkHandler>
        {
            ["analyze"] = new DelegateHandler((_, _) => Task.FromResult(WorkOutcome.Success("{}"))),
        };

        // The clock never moves, so no finished item is ever due to be recorded on its own.
        await ProcessorRun.UntilAsync(queue, handlers, Options(concurrency: 2, prefetch: 2), store.Time,
            async () => (await queue.GetJobCountsAsync("job"))!.Succeeded == 20, "every item");

        Assert.Equal((0, 20), (queue.SingleCompletions, queue.ClaimedCompletions));
        Assert.Equal(20, (await queue.ReadResultsAsync("job", 0, 50)).Count);
    }

    [Theory, BothProviders]
    public async Task A_finished_item_is_recorded_after_the_record_delay_when_no_claim_comes(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 3);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new ConcurrentQueue<string>();
        var handlers = new Dictionary<string, IWorkHandler>
        {
            ["analyze"] = new DelegateHandler(async (item, _) =>
            {
                started.Enqueue(item.ItemKey);
                if (started.Count > 1)
                {
                    await gate.Task;
                }

                return WorkOutcome.Success("{}");
            }),
        };
        var options = Options(concurrency: 1, prefetch: 2);
        options.RecordDelay = TimeSpan.FromMilliseconds(50);

        await ProcessorRun.UntilAsync(queue, handlers, options, store.Time, async () =>
        {
            // One slot: the first item is done when the second starts; the third waits in the prefetch, so no claim comes.
            await Eventually.HoldsAsync(() => started.Count == 2, Deadline, "the second item started");
            Assert.Equal(0, (await queue.GetJobCountsAsync("job"))!.Succeeded);
            store.Time.Advance(TimeSpan.FromMilliseconds(50));
            await Eventually.HoldsAsync(async () => (await queue.GetJobCountsAsync("job"))!.Succeeded == 1, Deadline, "the first item recorded");
            gate.SetResult();
            await Eventually.HoldsAsync(async () => (await queue.GetJobCountsAsync("job"))!.Succeeded == 3, Deadline, "every item");
            return true;
        }, "the job");

        Assert.Equal(3, started.Distinct().Count());
    }

    /// <summary>
    /// A worker on <paramref name="workerQueue"/> finishes the job's one item, goes idle, and takes 5 items enqueued
    /// through <paramref name="enqueuer"/> afterwards. Its idle delay is an hour of a clock that never moves: only an
    /// arrival can wake it.
    /// </summary>
    private static async Task AssertLaterItemsWakeTheWorkerAsync(IWorkQueue enqueuer, IWorkQueue workerQueue, ManualTimeProvider time)
    {
        var handlers = new Dictionary<string, IWorkHandler>
        {
            ["analyze"] = new DelegateHandler((_, _) => Task.FromResult(WorkOutcome.Success("{}"))),
        };

        await ProcessorRun.UntilAsync(workerQueue, handlers, Options(concurrency: 2, prefetch: 0), time, async () =>
        {
            await Eventually.HoldsAsync(async () => (await enqueuer.GetJobCountsAsync("job"))!.Succeeded == 1, Deadline, "the first item");
            await enqueuer.EnqueueAsync("job", Work.Items(5, prefix: "later"));
            await Eventually.HoldsAsync(async () => (await enqueuer.GetJobCountsAsync("job"))!.Succeeded == 6, Deadline, "the later items");
            return true;
        }, "all items");

        Assert.Equal(6, (await enqueuer.GetJobCountsAsync("job"))!.Succeeded);
    }

    private static WorkProcessorOptions Options(int concurrency, int prefetch) => new()
    {
        WorkerId = "worker-" + Guid.NewGuid().ToString("N")[..8],
        Roles = Work.Cpu,
        Concurrency = concurrency,
        Prefetch = prefetch,
        BatchSize = 16,
        LeaseDuration = TimeSpan.FromMinutes(1),
        IdleDelay = TimeSpan.FromHours(1),
    };

    /// <summary>An "analyze" handler that records each item it starts and finishes it once <paramref name="gate"/> completes.</summary>
    private static (Dictionary<string, IWorkHandler> Handlers, ConcurrentQueue<string> Started) GatedAnalysis(Task gate)
    {
        var started = new ConcurrentQueue<string>();
        var handlers = new Dictionary<string, IWorkHandler>
        {
            ["analyze"] = new DelegateHandler(async (item, _) =>
            {
                started.Enqueue(item.ItemKey);
                await gate;
                return WorkOutcome.Success("{}");
            }),
        };
        return (handlers, started);
    }
}
