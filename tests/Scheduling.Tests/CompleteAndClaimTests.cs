using SampleMind.Scheduling.Tests.Infrastructure;

namespace SampleMind.Scheduling.Tests;

/// <summary>Completions recorded in the transaction of the next claim.</summary>
public sealed class CompleteAndClaimTests
{
    [Theory, BothProviders]
    public async Task Completions_are_recorded_with_their_results_and_tallies_and_the_claim_leases_the_next_items(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 6);
        var first = await queue.ClaimAsync("w", Work.Cpu, 3, Work.Lease);
        var tally = new Dictionary<string, double> { ["audioSeconds"] = 1.5 };

        var claim = await queue.CompleteAndClaimAsync(
            [.. first.Reverse().Select(i => new WorkCompletion(i.Id, i.LeaseToken, $"{{\"key\":\"{i.ItemKey}\"}}", tally))],
            "w", Work.Cpu, 2, Work.Lease);

        Assert.Equal([true, true, true], claim.Recorded);
        Assert.Equal(2, claim.Claimed.Count);
        Assert.Empty(claim.Claimed.Select(i => i.Id).Intersect(first.Select(i => i.Id)));
        var counts = (await queue.GetJobCountsAsync("job"))!;
        Assert.Equal((3L, 2L, 1L), (counts.Succeeded, counts.Leased, counts.Pending));
        Assert.Equal(4.5, counts.Tallies["audioSeconds"], 6);
        var results = await queue.ReadResultsAsync("job", 0, 10);
        Assert.Equal(first.Select(i => $"{{\"key\":\"{i.ItemKey}\"}}").Order(), results.Select(r => r.ResultJson).Order());
    }

    [Theory, BothProviders]
    public async Task A_completion_of_an_item_done_already_is_refused_and_counts_nothing_while_the_others_are_recorded(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 2);
        var items = await queue.ClaimAsync("w", Work.Cpu, 2, Work.Lease);
        Assert.True(await queue.CompleteAsync(items[0].Id, items[0].LeaseToken, "{}"));

        var claim = await queue.CompleteAndClaimAsync(
            [new WorkCompletion(items[0].Id, items[0].LeaseToken, "{\"again\":1}"), new WorkCompletion(items[1].Id, items[1].LeaseToken, "{}")],
            "w", Work.Cpu, 0, Work.Lease);

        Assert.Equal([false, true], claim.Recorded);
        Assert.Empty(claim.Claimed);
        var counts = (await queue.GetJobCountsAsync("job"))!;
        Assert.Equal((2L, 0L, 0L), (counts.Succeeded, counts.Leased, counts.Pending));
        Assert.DoesNotContain(await queue.ReadResultsAsync("job", 0, 10), r => r.ResultJson == "{\"again\":1}");
    }

    [Theory, BothProviders]
    public async Task Each_item_of_a_large_batch_gets_its_own_result_and_a_second_completion_of_one_item_is_refused(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 5);
        var items = await queue.ClaimAsync("w", Work.Cpu, 5, Work.Lease);
        var completions = items.Select(i => new WorkCompletion(i.Id, i.LeaseToken, $"{{\"key\":\"{i.ItemKey}\"}}")).ToList();
        completions.Add(new WorkCompletion(items[4].Id, items[4].LeaseToken, "{\"second\":true}"));

        var claim = await queue.CompleteAndClaimAsync(completions, "w", Work.Cpu, 0, Work.Lease);

        Assert.Equal([true, true, true, true, true, false], claim.Recorded);
        var counts = (await queue.GetJobCountsAsync("job"))!;
        Assert.Equal((5L, 0L, 0L), (counts.Succeeded, counts.Leased, counts.Pending));
        var results = await queue.ReadResultsAsync("job", 0, 10);
        Assert.Equal(5, results.Count);
        Assert.All(results, r => Assert.Equal($"{{\"key\":\"{r.ItemKey}\"}}", r.ResultJson));
    }
}
