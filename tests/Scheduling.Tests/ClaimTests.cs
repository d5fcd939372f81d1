using SampleMind.Scheduling.Tests.Infrastructure;

namespace SampleMind.Scheduling.Tests;

public sealed class ClaimTests
{
    [Theory, BothProviders]
    public async Task A_claim_leases_items_with_their_job_tenant_and_first_attempt(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();
        await queue.RegisterJobAsync(Work.Job("job", tenant: "acme"));
        await queue.EnqueueAsync("job", Work.Items(3));

        var items = await queue.ClaimAsync("w", Work.Cpu, 2, TimeSpan.FromSeconds(30));

        Assert.Equal(2, items.Count);
        Assert.All(items, item =>
        {
            Assert.Equal(("job", "acme", "analyze", 1), (item.JobId, item.TenantId, item.Kind, item.Attempt));
            Assert.Equal(store.Time.GetUtcNow() + TimeSpan.FromSeconds(30), item.LeaseUntil);
        });
        Assert.Equal(2, items.Select(i => i.ItemKey).Distinct().Count());
        var counts = await queue.GetJobCountsAsync("job");
        Assert.Equal((1L, 2L), (counts!.Pending, counts.Leased));
    }

    [Theory, BothProviders]
    public async Task Gpu_items_are_claimed_only_by_gpu_workers(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();
        await queue.RegisterJobAsync(Work.Job("job"));
        await queue.EnqueueAsync("job", Work.Items(3, WorkRoles.Gpu, "stem"));
        await queue.EnqueueAsync("job", Work.Items(2, WorkRoles.Any, "any"));

        var cpu = await queue.ClaimAsync("cpu-worker", Work.Cpu, 10, Work.Lease);
        var gpu = await queue.ClaimAsync("gpu-worker", Work.Gpu, 10, Work.Lease);

        Assert.Equal(2, cpu.Count);
        Assert.All(cpu, item => Assert.Equal(WorkRoles.Any, item.RequiredRole));
        Assert.Equal(3, gpu.Count);
        Assert.All(gpu, item => Assert.Equal(WorkRoles.Gpu, item.RequiredRole));
    }

    [Theory, BothProviders]
    public async Task A_small_high_priority_job_goes_before_a_big_low_priority_one(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();
        await queue.WithJobAsync("big", 200, priority: 1);
        await queue.WithJobAsync("small", 5, priority: 8);

        var first = await queue.ClaimAsync("w", Work.Cpu, 8, Work.Lease);

        Assert.Equal(["big", "big", "big", "small", "small", "small", "small", "small"], first.Select(i => i.JobId).Order());
        Assert.All(first.Take(5), item => Assert.Equal("small", item.JobId));
    }

    [Theory, BothProviders]
    public async Task An_item_priority_override_is_claimed_before_its_job_mates(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();
        await queue.WithJobAsync("job", 10, priority: 2);
        await queue.EnqueueAsync("job", Work.Items(1, prefix: "urgent", priority: 9));

        var first = await queue.ClaimAsync("w", Work.Cpu, 1, Work.Lease);

        Assert.Equal(("urgent-00000.wav", 9), (first[0].ItemKey, first[0].Priority));
    }

    [Theory, BothProviders]
    public async Task Two_jobs_of_equal_priority_interleave(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();
        await queue.WithJobAsync("huge", 100);
        await queue.WithJobAsync("tiny", 4);

        var order = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            order.AddRange((await queue.ClaimAsync("w", Work.Cpu, 1, Work.Lease)).Select(item => item.JobId));
        }

        // Strict alternation while both have work, then the huge job alone.
        Assert.Equal(8, order.Count);
        Assert.Equal(4, order.Take(8).Count(job => job == "tiny"));
        for (var i = 1; i < 8; i++)
        {
            Assert.NotEqual(order[i - 1], order[i]);
        }
    }

    [Theory, BothProviders]
    public async Task A_batch_claim_shares_items_evenly_between_equal_jobs(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();
        await queue.WithJobAsync("a", 50);
        await queue.WithJobAsync("b", 50);
        await queue.WithJobAsync("c", 2);

        var batch = await queue.ClaimAsync("w", Work.Cpu, 12, Work.Lease);

        var perJob = batch.GroupBy(i => i.JobId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(12, batch.Count);
        Assert.Equal(2, perJob["c"]);
        Assert.Equal(5, perJob["a"]);
        Assert.Equal(5, perJob["b"]);
    }

    [Theory, BothProviders]
    public async Task Nothing_is_claimed_from_an_empty_queue(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = await store.NewQueue().WithJobAsync("job", 1);
        var only = await queue.ClaimAsync("w", Work.Cpu, 5, Work.Lease);

        var none = await queue.ClaimAsync("w", Work.Cpu, 5, Work.Lease);

        Assert.Single(only);
        Assert.Empty(none);
    }
}
