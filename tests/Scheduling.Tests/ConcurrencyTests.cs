using System.Collections.Concurrent;
using SampleMind.Scheduling.Tests.Infrastructure;

namespace SampleMind.Scheduling.Tests;

public sealed class ConcurrencyTests
{
    [Theory, BothProviders]
    public async Task Parallel_claimers_complete_every_item_exactly_once(string provider)
    {
        const int Items = 600;
        const int Claimers = 8;
        await using var store = await QueueStore.CreateAsync(provider);
        var setup = store.NewQueue();
        await setup.RegisterJobAsync(Work.Job("a"));
        await setup.RegisterJobAsync(Work.Job("b", priority: 7));
        await setup.EnqueueAsync("a", Work.Items(Items / 2));
        await setup.EnqueueAsync("b", Work.Items(Items / 2));

        // On PostgreSQL every claimer is its own queue (its own connections); SQLite is one process.
        var queues = Enumerable.Range(0, Claimers)
            .Select(_ => provider == QueueStore.Postgres ? store.NewQueue() : setup).ToArray();
        var holders = new ConcurrentDictionary<long, string>();
        var completions = new ConcurrentBag<long>();
        var doubleClaims = new ConcurrentBag<long>();

        await Task.WhenAll(Enumerable.Range(0, Claimers).Select(n => Task.Run(async () =>
        {
            var queue = queues[n];
            var worker = $"w{n}";
            while (true)
            {
                var batch = await queue.ClaimAsync(worker, Work.Cpu, 7, Work.Lease);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var item in batch)
                {
                    if (!holders.TryAdd(item.Id, worker))
                    {
                        doubleClaims.Add(item.Id);
                    }

                    if (await queue.CompleteAsync(item.Id, item.LeaseToken, "{}"))
                    {
                        completions.Add(item.Id);
                    }
                }
            }
        })));

        Assert.Empty(doubleClaims);
        Assert.Equal(Items, completions.Count);
        Assert.Equal(Items, completions.Distinct().Count());
        if (provider == QueueStore.Postgres)
        {
            Assert.True(holders.Values.Distinct().Count() > 1, "the work should be spread over several claimers");
        }
        foreach (var job in new[] { "a", "b" })
        {
            var counts = (await setup.GetJobCountsAsync(job))!;
            Assert.Equal((Items / 2L, 0L, 0L), (counts.Succeeded, counts.Pending, counts.Leased));
        }
    }
}
