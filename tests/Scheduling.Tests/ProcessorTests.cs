using SampleMind.Scheduling.Processing;
using SampleMind.Scheduling.Tests.Infrastructure;
using SampleMind.TestSupport;

namespace SampleMind.Scheduling.Tests;

public sealed class ProcessorTests
{
    private static readonly TimeSpan Deadline = ProcessorRun.Deadline;

    [Theory, BothProviders]
    public async Task The_processor_runs_handlers_by_kind_and_records_results_and_tallies(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();
        await queue.RegisterJobAsync(Work.Job("job"));
        await queue.EnqueueAsync("job", Work.Items(10));
        await queue.EnqueueAsync("job", [new WorkItemRequest("song.wav", "separate", WorkRoles.Gpu, "{}")]);
        var handlers = new Dictionary<string, IWorkHandler>
        {
            ["analyze"] = new DelegateHandler((item, _) => Task.FromResult(
                WorkOutcome.Success($"\"{item.ItemKey}\"", new Dictionary<string, double> { ["audio_seconds"] = 1.5 }))),
            ["separate"] = new DelegateHandler((item, _) => Task.FromResult(WorkOutcome.Success("\"stems\""))),
        };

        await ProcessorRun.UntilAsync(queue, handlers, Options(WorkRoles.Cpu, WorkRoles.Gpu), store.Time,
            async () => (await queue.GetJobCountsAsync("job"))!.Succeeded == 11, "11 items succeeded");

        var counts = (await queue.GetJobCountsAsync("job"))!;
        Assert.Equal((11L, 0L, 0L), (counts.Succeeded, counts.Leased, counts.Pending));
        Assert.Equal(15, counts.Tallies["audio_seconds"]);
        var results = await queue.ReadResultsAsync("job", 0, 100);
        Assert.All(results, r => Assert.Equal(r.Kind == "separate" ? "\"stems\"" : $"\"{r.ItemKey}\"", r.ResultJson));
    }

    [Theory, BothProviders]
    public async Task The_processor_retries_items_whose_handler_threw_and_sets_aside_rejected_ones(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue(o => o.RetryBackoff = TimeSpan.Zero);
        await queue.WithJobAsync("job", 6);
        var flaky = Work.Items(6)[1].ItemKey;
        var corrupt = Work.Items(6)[2].ItemKey;
        var handlers = new Dictionary<string, IWorkHandler>
        {
            ["analyze"] = new DelegateHandler((item, _) =>
                item.ItemKey == flaky && item.Attempt == 1 ? throw new IOException("disk hiccup")
                : item.ItemKey == corrupt ? Task.FromResult(WorkOutcome.Reject("corrupt file"))
                : Task.FromResult(WorkOutcome.Success("{}"))),
        };

        await ProcessorRun.UntilAsync(queue, handlers, Options(WorkRoles.Cpu), store.Time,
            async () => (await queue.GetJobCountsAsync("job"))!.IsFinished, "the job finished");

        var counts = (await queue.GetJobCountsAsync("job"))!;
        Assert.Equal((5L, 1L), (counts.Succeeded, counts.Failed));
        var failure = Assert.Single(await queue.ReadFailuresAsync("job", 10));
        Assert.Equal((corrupt, "corrupt file", 1), (failure.ItemKey, failure.Error, failure.Attempts));
    }

    [Theory, BothProviders]
    public async Task The_processor_stops_promptly_and_gives_back_its_leases(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 3);
        var handlers = new Dictionary<string, IWorkHandler>
        {
            ["analyze"] = new DelegateHandler(async (_, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return WorkOutcome.Success("{}");
            }),
        };

        await ProcessorRun.UntilAsync(queue, handlers, Options(WorkRoles.Cpu), store.Time,
            async () => (await queue.GetJobCountsAsync("job"))!.Leased == 3, "3 items leased");

        var counts = (await queue.GetJobCountsAsync("job"))!;
        Assert.Equal((3L, 0L, 0L), (counts.Pending, counts.Leased, counts.Succeeded));
        var again = await queue.ClaimAsync("next", Work.Cpu, 10, Work.Lease);
        Assert.All(again, item => Assert.Equal(1, item.Attempt));
        Assert.Equal(3, again.Count);
    }

    [Theory, BothProviders]
    public async Task The_processor_renews_the_lease_of_a_long_item(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 1);
        var counting = new RenewCountingQueue(queue);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlers = new Dictionary<string, IWorkHandler>
        {
            ["analyze"] = new DelegateHandler(async (_, _) =>
            {
                started.TrySetResult();
                await finish.Task;
                return WorkOutcome.Success("{}");
            }),
        };
        var options = Options(WorkRoles.Cpu);
        options.LeaseDuration = TimeSpan.FromSeconds(30);
        options.RenewInterval = TimeSpan.FromSeconds(10);

        await ProcessorRun.UntilAsync(counting, handlers, options, store.Time, async () =>
        {
            await started.Task;
            store.Time.Advance(TimeSpan.FromSeconds(10));
            await Eventually.HoldsAsync(() => counting.Renewals >= 1, Deadline, "a lease renewal");
            store.Time.Advance(TimeSpan.FromSeconds(25));
            Assert.Empty(await queue.ClaimAsync("thief", Work.Cpu, 1, Work.Lease));
            finish.SetResult();
            return true;
        }, "the long item ran");

        await Eventually.HoldsAsync(async () => (await queue.GetJobCountsAsync("job"))!.Succeeded == 1, Deadline, "completion");
        Assert.Equal(1, (await queue.GetJobCountsAsync("job"))!.Succeeded);
    }

    [Theory, BothProviders]
    public async Task The_processor_cancels_a_handler_whose_lease_was_lost(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 1);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlers = new Dictionary<string, IWorkHandler>
        {
            ["analyze"] = new DelegateHandler(async (_, ct) =>
            {
                started.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    cancelled.TrySetResult();
                    throw;
                }

                return WorkOutcome.Success("{}");
            }),
        };
        var options = Options(WorkRoles.Cpu);
        options.RenewInterval = TimeSpan.FromSeconds(10);

        await ProcessorRun.UntilAsync(queue, handlers, options, store.Time, async () =>
        {
            await started.Task;
            Assert.Equal(1, await queue.ReleaseLeasesOfAsync(options.WorkerId));
            store.Time.Advance(TimeSpan.FromSeconds(10));
            await cancelled.Task.WaitAsync(Deadline);
            return true;
        }, "the handler was cancelled");

        Assert.True(cancelled.Task.IsCompletedSuccessfully);
        Assert.Equal((1L, 0L), ((await queue.GetJobCountsAsync("job"))!.Pending, (await queue.GetJobCountsAsync("job"))!.Succeeded));
    }

    [Theory, BothProviders]
    public async Task Outcomes_the_queue_could_not_take_during_an_outage_are_recorded_once_it_is_back_not_when_their_leases_run_out(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue(o => o.RetryBackoff = TimeSpan.Zero).WithJobAsync("job", 2);
        var outage = new RenewCountingQueue(queue);
        var failing = Work.Items(2)[0].ItemKey;
        using var bothRan = new CountdownEvent(2);
        var start = store.Time.GetUtcNow();
        var handlers = new Dictionary<string, IWorkHandler>
        {
            ["analyze"] = new DelegateHandler((item, _) =>
            {
                if (item.Attempt > 1)
                {
                    return Task.FromResult(WorkOutcome.Success("{}"));
                }

                // The database goes down while the items run: one item's handler fails on it, the other finishes, and
                // neither outcome can be written.
                outage.Unreachable = true;
                bothRan.Signal();
                return item.ItemKey == failing ? throw new IOException("database unreachable") : Task.FromResult(WorkOutcome.Success("{}"));
            }),
        };
        var options = Options(WorkRoles.Cpu);
        options.LeaseDuration = TimeSpan.FromHours(1);
        options.IdleDelay = TimeSpan.FromSeconds(1);

        await ProcessorRun.UntilAsync(outage, handlers, options, store.Time, async () =>
        {
            if (bothRan.IsSet)
            {
                outage.Unreachable = false;
            }

            // The worker tries the queue again at each idle delay; its leases, an hour long, do not run out meanwhile.
            store.Time.Advance(TimeSpan.FromSeconds(1));
            return (await queue.GetJobCountsAsync("job"))!.Succeeded == 2;
        }, "both items succeeded");

        var counts = (await queue.GetJobCountsAsync("job"))!;
        Assert.Equal((2L, 0L, 0L), (counts.Succeeded, counts.Leased, counts.Pending));
        Assert.True(store.Time.GetUtcNow() - start < options.LeaseDuration);
    }

    [Theory, BothProviders]
    public async Task A_processor_takes_back_at_once_the_leases_a_killed_predecessor_of_its_id_held(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();
        await queue.WithJobAsync("job", 3);
        var options = Options(WorkRoles.Cpu);
        // The process before this one, with the same worker id (a restarted silo), claimed everything and was killed:
        // its leases would hold the items for the whole hour (the clock does not move here).
        Assert.Equal(3, (await queue.ClaimAsync(options.WorkerId, Work.Cpu, 3, TimeSpan.FromHours(1))).Count);
        var handlers = new Dictionary<string, IWorkHandler>
        {
            ["analyze"] = new DelegateHandler((item, _) => Task.FromResult(WorkOutcome.Success("{}"))),
        };

        await ProcessorRun.UntilAsync(queue, handlers, options, store.Time,
            async () => (await queue.GetJobCountsAsync("job"))!.Succeeded == 3, "the predecessor's 3 items succeeded");

        Assert.Equal(3, (await queue.ReadResultsAsync("job", 0, 10)).Count);
    }

    private static WorkProcessorOptions Options(params string[] roles) => new()
    {
        WorkerId = "worker-" + Guid.NewGuid().ToString("N")[..8],
        Roles = roles,
        Concurrency = 4,
        BatchSize = 4,
        LeaseDuration = TimeSpan.FromMinutes(1),
        IdleDelay = TimeSpan.FromHours(1),
    };
}
