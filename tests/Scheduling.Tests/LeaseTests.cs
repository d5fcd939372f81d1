using SampleMind.Scheduling.Tests.Infrastructure;

namespace SampleMind.Scheduling.Tests;

public sealed class LeaseTests
{
    [Theory, BothProviders]
    public async Task An_expired_lease_is_claimed_again_with_the_next_attempt(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 1);
        var first = (await queue.ClaimAsync("a", Work.Cpu, 1, TimeSpan.FromSeconds(30)))[0];

        store.Time.Advance(TimeSpan.FromSeconds(29));
        var beforeExpiry = await queue.ClaimAsync("b", Work.Cpu, 1, Work.Lease);
        store.Time.Advance(TimeSpan.FromSeconds(1));
        var afterExpiry = await queue.ClaimAsync("b", Work.Cpu, 1, Work.Lease);

        Assert.Empty(beforeExpiry);
        var again = Assert.Single(afterExpiry);
        Assert.Equal((first.Id, 2), (again.Id, again.Attempt));
        Assert.True(again.LeaseToken > first.LeaseToken);
    }

    [Theory, BothProviders]
    public async Task A_claim_looks_for_expired_leases_at_most_once_per_reclaim_interval(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 1);
        var first = (await queue.ClaimAsync("a", Work.Cpu, 1, TimeSpan.FromSeconds(10)))[0];

        store.Time.Advance(TimeSpan.FromMilliseconds(9900));
        var looked = await queue.ClaimAsync("b", Work.Cpu, 1, Work.Lease);
        store.Time.Advance(TimeSpan.FromMilliseconds(200));
        var withinInterval = await queue.ClaimAsync("b", Work.Cpu, 1, Work.Lease);
        store.Time.Advance(TimeSpan.FromMilliseconds(800));
        var afterInterval = await queue.ClaimAsync("b", Work.Cpu, 1, Work.Lease);

        Assert.Empty(looked);
        Assert.Empty(withinInterval);
        Assert.Equal((first.Id, 2), (Assert.Single(afterInterval).Id, afterInterval[0].Attempt));
    }

    [Theory, BothProviders]
    public async Task An_explicit_reclaim_is_not_throttled(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 1);
        await queue.ClaimAsync("a", Work.Cpu, 1, TimeSpan.FromSeconds(1));

        store.Time.Advance(TimeSpan.FromMilliseconds(1000));
        var reclaimed = await queue.ReclaimExpiredAsync();

        Assert.Equal(1, reclaimed);
        Assert.Single(await queue.ClaimAsync("b", Work.Cpu, 1, Work.Lease));
    }

    [Theory, BothProviders]
    public async Task Renewing_extends_the_lease_until_another_worker_reclaims_it(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 1);
        var item = (await queue.ClaimAsync("a", Work.Cpu, 1, TimeSpan.FromSeconds(30)))[0];

        store.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await queue.RenewAsync(item.Id, item.LeaseToken, TimeSpan.FromSeconds(30)));
        store.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Empty(await queue.ClaimAsync("b", Work.Cpu, 1, Work.Lease));
        store.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.Single(await queue.ClaimAsync("b", Work.Cpu, 1, Work.Lease));

        Assert.False(await queue.RenewAsync(item.Id, item.LeaseToken, TimeSpan.FromSeconds(30)));
    }

    [Theory, BothProviders]
    public async Task Completion_is_recorded_once_when_old_and_new_lease_holders_both_finish(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 2);
        var tally = new Dictionary<string, double> { ["audio_seconds"] = 3 };
        var old = (await queue.ClaimAsync("a", Work.Cpu, 2, TimeSpan.FromSeconds(10))).OrderBy(i => i.Id).ToList();
        store.Time.Advance(TimeSpan.FromSeconds(11));
        var fresh = (await queue.ClaimAsync("b", Work.Cpu, 2, Work.Lease)).OrderBy(i => i.Id).ToList();

        // Item 0: the new holder finishes first. Item 1: the old holder (lease expired) finishes first.
        var newFirst = await queue.CompleteAsync(fresh[0].Id, fresh[0].LeaseToken, "{\"by\":\"b\"}", tally);
        var oldSecond = await queue.CompleteAsync(old[0].Id, old[0].LeaseToken, "{\"by\":\"a\"}", tally);
        var oldFirst = await queue.CompleteAsync(old[1].Id, old[1].LeaseToken, "{\"by\":\"a\"}", tally);
        var newSecond = await queue.CompleteAsync(fresh[1].Id, fresh[1].LeaseToken, "{\"by\":\"b\"}", tally);

        Assert.Equal((true, false, true, false), (newFirst, oldSecond, oldFirst, newSecond));
        var counts = (await queue.GetJobCountsAsync("job"))!;
        Assert.Equal((2L, 0L, 0L), (counts.Succeeded, counts.Leased, counts.Pending));
        Assert.Equal(6, counts.Tallies["audio_seconds"]);
        var results = await queue.ReadResultsAsync("job", 0, 10);
        Assert.Equal(["{\"by\":\"b\"}", "{\"by\":\"a\"}"], results.Select(r => r.ResultJson));
    }

    [Theory, BothProviders]
    public async Task An_expired_holder_may_complete_an_item_nobody_reclaimed(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 1);
        var item = (await queue.ClaimAsync("a", Work.Cpu, 1, TimeSpan.FromSeconds(10)))[0];
        store.Time.Advance(TimeSpan.FromMinutes(5));
        await queue.ReclaimExpiredAsync();

        Assert.True(await queue.CompleteAsync(item.Id, item.LeaseToken, "{}"));
        Assert.Empty(await queue.ClaimAsync("b", Work.Cpu, 1, Work.Lease));
        Assert.Equal(1, (await queue.GetJobCountsAsync("job"))!.Succeeded);
    }

    [Theory, BothProviders]
    public async Task A_lease_token_that_was_never_issued_completes_nothing(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 1);
        var item = (await queue.ClaimAsync("a", Work.Cpu, 1, Work.Lease))[0];

        Assert.False(await queue.CompleteAsync(item.Id, item.LeaseToken + 1, "{}"));
        Assert.False(await queue.CompleteAsync(item.Id, 0, "{}"));
        Assert.Equal(0, (await queue.GetJobCountsAsync("job"))!.Succeeded);
    }

    [Theory, BothProviders]
    public async Task A_killed_worker_items_are_reclaimed_after_expiry_and_completed_once(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var workerA = await store.NewQueue().WithJobAsync("job", 20);
        var workerB = store.NewQueue();
        var claimedByA = await workerA.ClaimAsync("a", Work.Cpu, 8, TimeSpan.FromSeconds(30));

        // A vanishes (kill -9): no release, no completion. B keeps working through the queue.
        var finished = new List<long>();
        while (finished.Count < 20)
        {
            var batch = await workerB.ClaimAsync("b", Work.Cpu, 5, Work.Lease);
            if (batch.Count == 0)
            {
                store.Time.Advance(TimeSpan.FromSeconds(10));
                continue;
            }

            foreach (var item in batch)
            {
                Assert.True(await workerB.CompleteAsync(item.Id, item.LeaseToken, "{}"));
                finished.Add(item.Id);
            }
        }

        Assert.Equal(20, finished.Distinct().Count());
        Assert.Superset(claimedByA.Select(i => i.Id).ToHashSet(), finished.ToHashSet());
        var counts = (await workerB.GetJobCountsAsync("job"))!;
        Assert.Equal((20L, 0L, 0L, 0L), (counts.Succeeded, counts.Leased, counts.Pending, counts.Failed));
    }

    [Theory, BothProviders]
    public async Task Released_leases_are_claimable_at_once_without_counting_an_attempt(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 3);
        var held = await queue.ClaimAsync("a", Work.Cpu, 2, Work.Lease);
        var other = await queue.ClaimAsync("c", Work.Cpu, 1, Work.Lease);

        var released = await queue.ReleaseLeasesOfAsync("a");
        var again = await queue.ClaimAsync("b", Work.Cpu, 10, Work.Lease);

        Assert.Equal(2, released);
        Assert.Equal(held.Select(i => i.Id).Order(), again.Select(i => i.Id).Order());
        Assert.All(again, item => Assert.Equal(1, item.Attempt));
        Assert.False(await queue.RenewAsync(held[0].Id, held[0].LeaseToken, Work.Lease));
        Assert.True(await queue.RenewAsync(other[0].Id, other[0].LeaseToken, Work.Lease));
        Assert.Equal(3, (await queue.GetJobCountsAsync("job"))!.Leased);
    }

    [Theory, BothProviders]
    public async Task A_lease_that_expires_on_the_last_attempt_sets_the_item_aside(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue(o => o.MaxAttempts = 2);
        await queue.WithJobAsync("job", 1);

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.Equal(attempt, (await queue.ClaimAsync("w", Work.Cpu, 1, TimeSpan.FromSeconds(10)))[0].Attempt);
            store.Time.Advance(TimeSpan.FromSeconds(11));
        }

        Assert.Equal(1, await queue.ReclaimExpiredAsync());
        Assert.Empty(await queue.ClaimAsync("w", Work.Cpu, 1, Work.Lease));
        var failure = Assert.Single(await queue.ReadFailuresAsync("job", 10));
        Assert.Contains("lease expired on attempt 2", failure.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await queue.GetJobCountsAsync("job"))!.Failed);
    }

    [Theory, BothProviders]
    public async Task A_dead_workers_leases_are_taken_back_at_once_counting_the_attempt_and_the_last_one_sets_the_item_aside(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue(o => o.MaxAttempts = 2);
        await queue.WithJobAsync("job", 2);
        var other = await queue.ClaimAsync("other", Work.Cpu, 1, Work.Lease);

        // The worker "w" dies holding an item, and again once restarted under the same id: an item that kills its process.
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var held = Assert.Single(await queue.ClaimAsync("w", Work.Cpu, 1, Work.Lease));
            Assert.Equal(attempt, held.Attempt);
            Assert.Equal(1, await queue.ReclaimLeasesOfAsync("w"));
        }

        Assert.Empty(await queue.ClaimAsync("w", Work.Cpu, 1, Work.Lease));
        var failure = Assert.Single(await queue.ReadFailuresAsync("job", 10));
        Assert.Contains("stopped without finishing it (killed or crashed) on attempt 2", failure.Error, StringComparison.Ordinal);
        var counts = (await queue.GetJobCountsAsync("job"))!;
        Assert.Equal((1L, 1L, 0L), (counts.Failed, counts.Leased, counts.Pending));
        Assert.True(await queue.RenewAsync(other[0].Id, other[0].LeaseToken, Work.Lease), "another worker's lease is not touched");
        Assert.Equal(0, await queue.ReclaimLeasesOfAsync("w"));
    }
}
