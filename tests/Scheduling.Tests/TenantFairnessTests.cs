using SampleMind.Scheduling.Tests.Infrastructure;

namespace SampleMind.Scheduling.Tests;

public sealed class TenantFairnessTests
{
    [Theory, BothProviders]
    public async Task A_tenant_with_many_jobs_gets_no_more_turns_than_a_tenant_with_one(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();
        for (var j = 0; j < 4; j++)
        {
            await queue.WithJobAsync($"a{j}", 50, priority: 2, tenant: "tenant-a");
        }

        await queue.WithJobAsync("b0", 5, priority: 2, tenant: "tenant-b");

        var order = new List<WorkItem>();
        for (var i = 0; i < 10; i++)
        {
            order.AddRange(await queue.ClaimAsync("w", Work.Cpu, 1, Work.Lease));
        }

        // Tenants alternate while both have work, so tenant B's five items are all among the first ten claims.
        Assert.Equal(10, order.Count);
        Assert.Equal(5, order.Count(item => item.TenantId == "tenant-b"));
        for (var i = 1; i < order.Count; i++)
        {
            Assert.NotEqual(order[i - 1].TenantId, order[i].TenantId);
        }

        // Tenant A's turns go round its jobs.
        Assert.Equal(["a0", "a1", "a2", "a3", "a0"], order.Where(item => item.TenantId == "tenant-a").Select(item => item.JobId));
        Assert.Equal(0L, (await queue.GetJobCountsAsync("b0"))!.Pending);
    }

    [Theory, BothProviders]
    public async Task A_tenants_priority_ranks_its_own_jobs_and_takes_no_turns_from_other_tenants(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();
        await queue.WithJobAsync("a-urgent", 100, priority: 9, tenant: "tenant-a");
        await queue.WithJobAsync("a-later", 100, priority: 1, tenant: "tenant-a");
        await queue.WithJobAsync("b-small", 4, priority: 5, tenant: "tenant-b");

        var single = new List<WorkItem>();
        for (var i = 0; i < 4; i++)
        {
            single.AddRange(await queue.ClaimAsync("w", Work.Cpu, 1, Work.Lease));
        }

        // Before: strictly by priority across tenants, so tenant B waited until tenant A's 100 urgent items were out.
        Assert.Equal(["a-urgent", "b-small", "a-urgent", "b-small"], single.Select(item => item.JobId));

        var batch = await queue.ClaimAsync("w", Work.Cpu, 8, Work.Lease);
        Assert.Equal(2, batch.Count(item => item.JobId == "b-small"));
        Assert.Equal(6, batch.Count(item => item.JobId == "a-urgent"));
        Assert.Equal(100, (await queue.GetJobCountsAsync("a-later"))!.Pending);
    }

    [Theory, BothProviders]
    public async Task A_batch_claim_shares_items_evenly_between_tenants_then_between_their_jobs(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();
        await queue.WithJobAsync("a0", 100, priority: 1, tenant: "tenant-a");
        await queue.WithJobAsync("a1", 100, priority: 1, tenant: "tenant-a");
        await queue.WithJobAsync("a2", 100, priority: 1, tenant: "tenant-a");
        await queue.WithJobAsync("b0", 100, priority: 1, tenant: "tenant-b");
        await queue.WithJobAsync("c0", 2, priority: 1, tenant: "tenant-c");

        var batch = await queue.ClaimAsync("w", Work.Cpu, 12, Work.Lease);

        var perTenant = batch.GroupBy(item => item.TenantId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(12, batch.Count);
        Assert.Equal(2, perTenant["tenant-c"]);
        Assert.Equal(5, perTenant["tenant-a"]);
        Assert.Equal(5, perTenant["tenant-b"]);
        var perJobOfA = batch.Where(item => item.TenantId == "tenant-a").GroupBy(item => item.JobId).Select(g => g.Count()).Order();
        Assert.Equal([1, 2, 2], perJobOfA);
    }

    [Theory, BothProviders]
    public async Task Tenant_turns_survive_a_new_queue_instance(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var first = store.NewQueue();
        await first.WithJobAsync("a0", 10, tenant: "tenant-a");
        await first.WithJobAsync("a1", 10, tenant: "tenant-a");
        await first.WithJobAsync("b0", 10, tenant: "tenant-b");
        var served = (await first.ClaimAsync("w", Work.Cpu, 1, Work.Lease)).Single().TenantId;

        // A second process sees the same turn order: the other tenant is next.
        var second = store.NewQueue();
        var next = (await second.ClaimAsync("w2", Work.Cpu, 1, Work.Lease)).Single().TenantId;

        Assert.NotEqual(served, next);
    }

    [Theory, BothProviders]
    public async Task Batches_that_do_not_divide_evenly_give_the_extra_items_to_each_job_in_turn(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();
        foreach (var job in new[] { "j0", "j1", "j2" })
        {
            await queue.WithJobAsync(job, 50, priority: 5, tenant: "tenant-a");
        }

        await queue.WithJobAsync("other", 50, priority: 5, tenant: "tenant-b");
        var claimed = new List<WorkItem>();
        for (var i = 0; i < 6; i++)
        {
            claimed.AddRange(await queue.ClaimAsync("w", Work.Cpu, 9, Work.Lease));
        }

        // 54 items: 27 a tenant (9 a claim is 5 and 4, the extra alternating), tenant A's 27 shared 9 each by its three
        // jobs; before, the jobs first in order got the extra item of every claim (one job 50 % ahead of another).
        var perJob = claimed.GroupBy(item => item.JobId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(27, perJob["other"]);
        Assert.Equal([9, 9, 9], new[] { "j0", "j1", "j2" }.Select(job => perJob[job]));
    }
}
