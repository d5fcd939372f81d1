using SampleMind.Scheduling.Tests.Infrastructure;

namespace SampleMind.Scheduling.Tests;

public sealed class JobTests
{
    [Theory, BothProviders]
    public async Task Enqueuing_the_same_item_key_twice_creates_one_item(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();
        await queue.RegisterJobAsync(Work.Job("job"));

        var first = await queue.EnqueueAsync("job", Work.Items(10));
        var again = await queue.EnqueueAsync("job", Work.Items(15));

        Assert.Equal(10, first);
        Assert.Equal(5, again);
        var counts = await queue.GetJobCountsAsync("job");
        Assert.Equal(15, counts!.Enqueued);
        Assert.Equal(15, counts.Pending);
    }

    [Theory, BothProviders]
    public async Task Registering_a_job_twice_keeps_the_first_registration(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();

        Assert.True(await queue.RegisterJobAsync(Work.Job("job", tenant: "first")));
        Assert.False(await queue.RegisterJobAsync(Work.Job("job", tenant: "second")));

        Assert.Equal("first", (await queue.GetJobCountsAsync("job"))!.TenantId);
    }

    [Theory, BothProviders]
    public async Task Enqueuing_into_an_unknown_job_throws(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();

        var error = await Assert.ThrowsAsync<WorkJobNotFoundException>(() => queue.EnqueueAsync("nope", Work.Items(1)));

        Assert.Equal("nope", error.JobId);
        Assert.Null(await queue.GetJobCountsAsync("nope"));
    }

    [Theory, BothProviders]
    public async Task A_paused_job_is_not_claimed_until_resumed(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 3);

        Assert.True(await queue.PauseJobAsync("job"));
        var whilePaused = await queue.ClaimAsync("w", Work.Cpu, 10, Work.Lease);
        Assert.True(await queue.ResumeJobAsync("job"));
        var afterResume = await queue.ClaimAsync("w", Work.Cpu, 10, Work.Lease);

        Assert.Empty(whilePaused);
        Assert.Equal(3, afterResume.Count);
        Assert.False(await queue.ResumeJobAsync("job"));
    }

    [Theory, BothProviders]
    public async Task Cancelling_a_job_cancels_pending_items_and_lets_in_flight_ones_finish(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 5);
        var inFlight = await queue.ClaimAsync("w", Work.Cpu, 2, Work.Lease);

        Assert.True(await queue.CancelJobAsync("job"));
        var afterCancel = await queue.ClaimAsync("w", Work.Cpu, 10, Work.Lease);
        Assert.True(await queue.CompleteAsync(inFlight[0].Id, inFlight[0].LeaseToken, "{}"));
        await queue.EnqueueAsync("job", Work.Items(1, prefix: "late"));

        Assert.Empty(afterCancel);
        var counts = await queue.GetJobCountsAsync("job");
        Assert.Equal(WorkJobStatus.Cancelled, counts!.Status);
        Assert.Equal((6L, 0L, 1L, 1L, 4L), (counts.Enqueued, counts.Pending, counts.Leased, counts.Succeeded, counts.Cancelled));
        Assert.False(await queue.CancelJobAsync("job"));
    }

    [Theory, BothProviders]
    public async Task Cancelling_a_job_with_more_pending_items_than_one_batch_cancels_them_all_in_batches(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue(o => o.CancelBatchSize = 4);
        await queue.WithJobAsync("job", 23);
        var inFlight = await queue.ClaimAsync("w", Work.Cpu, 2, Work.Lease);
        await queue.WithJobAsync("other", 3, tenant: "tenant-b");

        Assert.True(await queue.CancelJobAsync("job"));
        var afterCancel = await queue.ClaimAsync("w", Work.Cpu, 30, Work.Lease);

        Assert.All(afterCancel, item => Assert.Equal("other", item.JobId));
        Assert.Equal(3, afterCancel.Count);
        var counts = (await queue.GetJobCountsAsync("job"))!;
        var pendingRows = await store.ScalarAsync<long>("SELECT COUNT(*) FROM work_items WHERE job_id = 'job' AND state = 0");
        Assert.Equal((23L, 0L, 2L, 21L, 0L), (counts.Enqueued, counts.Pending, counts.Leased, counts.Cancelled, pendingRows));
        Assert.True(await queue.CompleteAsync(inFlight[0].Id, inFlight[0].LeaseToken, "{}"));
        Assert.False(await queue.CancelJobAsync("job"));
        Assert.Equal(21L, (await queue.GetJobCountsAsync("job"))!.Cancelled);
    }

    [Theory, BothProviders]
    public async Task A_cancel_cut_short_between_batches_claims_nothing_of_the_job_and_is_finished_by_the_next_call(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue(o => o.CancelBatchSize = 4);
        await queue.WithJobAsync("job", 10);
        // What a crash after the cancel's first transaction leaves: the job cancelled, its items still pending.
        await store.ExecuteAsync("UPDATE work_jobs SET status = 2 WHERE job_id = 'job'");

        var whileCut = await queue.ClaimAsync("w", Work.Cpu, 10, Work.Lease);
        var again = await queue.CancelJobAsync("job");

        Assert.Empty(whileCut);
        Assert.False(again);
        var counts = (await queue.GetJobCountsAsync("job"))!;
        Assert.Equal((0L, 10L, true), (counts.Pending, counts.Cancelled, counts.IsFinished));
    }

    [Theory, BothProviders]
    public async Task Counts_stay_exact_through_every_transition_and_tallies_sum(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue(o => o.MaxAttempts = 1);
        await queue.WithJobAsync("job", 6);
        var items = await queue.ClaimAsync("w", Work.Cpu, 4, Work.Lease);

        await queue.CompleteAsync(items[0].Id, items[0].LeaseToken, "{}", new Dictionary<string, double> { ["duplicates"] = 1, ["audio_seconds"] = 2.5 });
        await queue.CompleteAsync(items[1].Id, items[1].LeaseToken, "{}", new Dictionary<string, double> { ["audio_seconds"] = 4 });
        await queue.FailAsync(items[2].Id, items[2].LeaseToken, "boom", retryable: true);

        var counts = (await queue.GetJobCountsAsync("job"))!;
        Assert.Equal((6L, 2L, 1L, 2L, 1L), (counts.Enqueued, counts.Pending, counts.Leased, counts.Succeeded, counts.Failed));
        Assert.Equal(counts.Enqueued, counts.Pending + counts.Leased + counts.Succeeded + counts.Failed + counts.Cancelled);
        Assert.Equal(1, counts.Tallies["duplicates"]);
        Assert.Equal(6.5, counts.Tallies["audio_seconds"]);
        Assert.False(counts.IsFinished);
    }

    [Theory, BothProviders]
    public async Task Results_are_read_in_pages_by_item_id(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 7);
        foreach (var item in await queue.ClaimAsync("w", Work.Cpu, 7, Work.Lease))
        {
            await queue.CompleteAsync(item.Id, item.LeaseToken, $"{{\"key\":\"{item.ItemKey}\"}}");
        }

        var pages = new List<IReadOnlyList<WorkResult>>();
        for (var after = 0L; ;)
        {
            var page = await queue.ReadResultsAsync("job", after, 3);
            if (page.Count == 0)
            {
                break;
            }

            pages.Add(page);
            after = page[^1].ItemId;
        }

        Assert.Equal([3, 3, 1], pages.Select(page => page.Count));
        var all = pages.SelectMany(page => page).ToList();
        Assert.Equal(all.OrderBy(r => r.ItemId).Select(r => r.ItemId), all.Select(r => r.ItemId));
        Assert.All(all, r => Assert.Equal($"{{\"key\":\"{r.ItemKey}\"}}", r.ResultJson));
        Assert.Equal(Work.Items(7).Select(i => i.ItemKey).Order(), all.Select(r => r.ItemKey).Order());
    }

    [Theory, BothProviders]
    public async Task Depths_report_pending_in_flight_and_oldest_age_per_role(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();
        await queue.RegisterJobAsync(Work.Job("job"));
        await queue.EnqueueAsync("job", Work.Items(4));
        store.Time.Advance(TimeSpan.FromSeconds(30));
        await queue.EnqueueAsync("job", Work.Items(3, WorkRoles.Gpu, "stem"));
        await queue.ClaimAsync("g", Work.Gpu, 1, Work.Lease);
        store.Time.Advance(TimeSpan.FromSeconds(10));

        var depths = (await queue.GetDepthsAsync()).ToDictionary(d => d.Role);

        Assert.Equal((4L, 0L, TimeSpan.FromSeconds(40)), (depths["cpu"].Pending, depths["cpu"].Leased, depths["cpu"].OldestPendingAge));
        Assert.Equal((2L, 1L, TimeSpan.FromSeconds(10)), (depths["gpu"].Pending, depths["gpu"].Leased, depths["gpu"].OldestPendingAge));
    }

    [Theory, BothProviders]
    public async Task Schema_creation_is_idempotent_across_queue_instances(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var first = await store.NewQueue().WithJobAsync("job", 2);
        var second = store.NewQueue();

        await second.EnsureSchemaAsync();
        await first.EnsureSchemaAsync();

        Assert.Equal(2, (await second.GetJobCountsAsync("job"))!.Pending);
    }
}
