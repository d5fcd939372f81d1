using Microsoft.Extensions.Logging;
using SampleMind.Scheduling.Tests.Infrastructure;

namespace SampleMind.Scheduling.Tests;

public sealed class FailureTests
{
    [Theory, BothProviders]
    public async Task A_retryable_failure_is_claimable_again_only_after_its_backoff(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue(o => o.RetryBackoff = TimeSpan.FromSeconds(10));
        await queue.WithJobAsync("job", 1);
        var item = (await queue.ClaimAsync("w", Work.Cpu, 1, Work.Lease))[0];

        Assert.Equal(WorkFailResult.Retrying, await queue.FailAsync(item.Id, item.LeaseToken, "timeout", retryable: true));
        store.Time.Advance(TimeSpan.FromSeconds(9));
        var early = await queue.ClaimAsync("w", Work.Cpu, 1, Work.Lease);
        store.Time.Advance(TimeSpan.FromSeconds(1));
        var due = await queue.ClaimAsync("w", Work.Cpu, 1, Work.Lease);

        Assert.Empty(early);
        Assert.Equal((item.Id, 2), (due[0].Id, due[0].Attempt));
        Assert.Equal(1, (await queue.GetJobCountsAsync("job"))!.Leased);
    }

    [Theory, BothProviders]
    public async Task A_poison_item_is_set_aside_after_max_attempts_with_its_last_error_and_the_rest_finish(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue(o => o.MaxAttempts = 3);
        await queue.WithJobAsync("job", 10);
        var poisonKey = Work.Items(10)[4].ItemKey;

        var outcomes = new List<WorkFailResult>();
        for (var round = 0; round < 10; round++)
        {
            foreach (var item in await queue.ClaimAsync("w", Work.Cpu, 10, Work.Lease))
            {
                if (item.ItemKey == poisonKey)
                {
                    outcomes.Add(await queue.FailAsync(item.Id, item.LeaseToken, $"decoder crashed (attempt {item.Attempt})", true));
                }
                else
                {
                    Assert.True(await queue.CompleteAsync(item.Id, item.LeaseToken, "{}"));
                }
            }

            store.Time.Advance(TimeSpan.FromMinutes(2));
        }

        Assert.Equal([WorkFailResult.Retrying, WorkFailResult.Retrying, WorkFailResult.SetAside], outcomes);
        var failure = Assert.Single(await queue.ReadFailuresAsync("job", 10));
        Assert.Equal((poisonKey, 3, "decoder crashed (attempt 3)"), (failure.ItemKey, failure.Attempts, failure.Error));
        var counts = (await queue.GetJobCountsAsync("job"))!;
        Assert.Equal((9L, 1L, true), (counts.Succeeded, counts.Failed, counts.IsFinished));
    }

    [Theory, BothProviders]
    public async Task The_latest_failures_are_the_last_set_aside_in_listing_order(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 6);
        var items = await queue.ClaimAsync("w", Work.Cpu, 6, TimeSpan.FromHours(2));

        foreach (var index in new[] { 0, 1, 3, 4, 5 })
        {
            await queue.FailAsync(items[index].Id, items[index].LeaseToken, $"bad {index}", retryable: false);
        }

        await queue.CompleteAsync(items[2].Id, items[2].LeaseToken, "{}");
        var latest = await queue.ReadLatestFailuresAsync("job", 3);
        Assert.Equal(["bad 5", "bad 4", "bad 3"], latest.Select(f => f.Error));
        Assert.Equal(5, (await queue.ReadFailuresAsync("job", 10)).Count);
    }

    [Theory, BothProviders]
    public async Task A_non_retryable_failure_is_set_aside_at_once(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 2);
        var items = await queue.ClaimAsync("w", Work.Cpu, 2, TimeSpan.FromHours(2));

        var result = await queue.FailAsync(items[0].Id, items[0].LeaseToken, "corrupt file", retryable: false);
        store.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(WorkFailResult.SetAside, result);
        Assert.Empty(await queue.ClaimAsync("w", Work.Cpu, 2, Work.Lease));
        var failure = Assert.Single(await queue.ReadFailuresAsync("job", 10));
        Assert.Equal((items[0].Id, 1, "corrupt file"), (failure.ItemId, failure.Attempts, failure.Error));
        Assert.Equal((1L, 1L), ((await queue.GetJobCountsAsync("job"))!.Failed, (await queue.GetJobCountsAsync("job"))!.Leased));
    }

    [Theory, BothProviders]
    public async Task Only_an_item_whose_attempts_ran_out_is_a_warning_and_a_rejected_one_is_logged_at_debug(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var log = new LogCapture();
        var queue = await store.NewQueue(o => o.MaxAttempts = 2, log: log).WithJobAsync("job", 3);
        var items = await queue.ClaimAsync("w", Work.Cpu, 3, TimeSpan.FromHours(2));

        await queue.FailAsync(items[0].Id, items[0].LeaseToken, "The file does not exist.", retryable: false);
        await queue.FailAsync(items[1].Id, items[1].LeaseToken, "quota used up", retryable: false);
        await queue.FailAsync(items[2].Id, items[2].LeaseToken, "decoder crashed", retryable: true);
        store.Time.Advance(TimeSpan.FromMinutes(2));
        var again = Assert.Single(await queue.ClaimAsync("w", Work.Cpu, 3, Work.Lease));
        Assert.Equal(WorkFailResult.SetAside, await queue.FailAsync(again.Id, again.LeaseToken, "decoder crashed again", retryable: true));

        var warnings = log.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();
        var warning = Assert.Single(warnings);
        Assert.Equal((5011, $"Work item {items[2].Id} set aside after attempt 2: decoder crashed again"), (warning.EventId, warning.Message));
        var rejected = log.Entries.Where(e => e.EventId == 5016).ToList();
        Assert.Equal([LogLevel.Debug, LogLevel.Debug], rejected.Select(e => e.Level));
        Assert.Contains("The file does not exist.", rejected[0].Message, StringComparison.Ordinal);
        Assert.Equal(3L, (await queue.GetJobCountsAsync("job"))!.Failed);
    }

    [Theory, BothProviders]
    public async Task Items_enqueued_set_aside_fail_at_once_without_a_claim_once_per_key_and_are_cancelled_in_a_cancelled_job(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 2);
        var refused = Work.Items(3, prefix: "refused");

        var added = await queue.EnqueueSetAsideAsync("job", refused, "quota used up");
        var again = await queue.EnqueueSetAsideAsync("job", refused, "quota used up");
        var claimed = await queue.ClaimAsync("w", Work.Cpu, 10, Work.Lease);

        Assert.Equal((3, 0), (added, again));
        Assert.Equal(["file-00000.wav", "file-00001.wav"], claimed.Select(i => i.ItemKey));
        var failures = await queue.ReadFailuresAsync("job", 10);
        Assert.Equal(refused.Select(r => (r.ItemKey, 0, "quota used up")), failures.Select(f => (f.ItemKey, f.Attempts, f.Error)));
        var counts = (await queue.GetJobCountsAsync("job"))!;
        Assert.Equal((5L, 0L, 2L, 3L), (counts.Enqueued, counts.Pending, counts.Leased, counts.Failed));

        await queue.CancelJobAsync("job");
        Assert.Equal(1, await queue.EnqueueSetAsideAsync("job", Work.Items(1, prefix: "late"), "quota used up"));
        counts = (await queue.GetJobCountsAsync("job"))!;
        Assert.Equal((6L, 3L, 1L), (counts.Enqueued, counts.Failed, counts.Cancelled));
    }

    [Theory, BothProviders]
    public async Task A_failure_reported_by_a_lost_lease_changes_nothing(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 1);
        var old = (await queue.ClaimAsync("a", Work.Cpu, 1, TimeSpan.FromSeconds(5)))[0];
        store.Time.Advance(TimeSpan.FromSeconds(6));
        var current = (await queue.ClaimAsync("b", Work.Cpu, 1, Work.Lease))[0];

        var stale = await queue.FailAsync(old.Id, old.LeaseToken, "late", retryable: false);

        Assert.Equal(WorkFailResult.LeaseLost, stale);
        Assert.Empty(await queue.ReadFailuresAsync("job", 10));
        Assert.True(await queue.CompleteAsync(current.Id, current.LeaseToken, "{}"));
    }

    [Theory, BothProviders]
    public async Task A_completed_item_cannot_be_failed_afterwards(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 1);
        var item = (await queue.ClaimAsync("a", Work.Cpu, 1, Work.Lease))[0];
        await queue.CompleteAsync(item.Id, item.LeaseToken, "{}");

        Assert.Equal(WorkFailResult.LeaseLost, await queue.FailAsync(item.Id, item.LeaseToken, "late", retryable: true));
        Assert.Equal((1L, 0L), ((await queue.GetJobCountsAsync("job"))!.Succeeded, (await queue.GetJobCountsAsync("job"))!.Failed));
    }
}
