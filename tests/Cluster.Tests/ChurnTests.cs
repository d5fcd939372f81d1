using SampleMind.Cluster.Tests.Grains;
using SampleMind.Cluster.Tests.Support;

namespace SampleMind.Cluster.Tests;

public sealed class ChurnTests
{
    private const int Grains = 10_000;

    [Fact]
    public async Task Ten_thousand_grains_keep_a_single_activation_and_every_increment_while_silos_join_and_leave()
    {
        await using var cluster = await TestCluster.CreateAsync();

        // 10,000 concurrent calls on two shared cores delay the lease loop by seconds: give leases slack.
        cluster.LeaseDuration = TimeSpan.FromSeconds(10);
        var prefix = "churn-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var keys = Enumerable.Range(0, Grains).Select(i => prefix + i).ToArray();
        var acked = new int[Grains];
        var failures = new List<string>();
        var s1 = await cluster.StartSiloAsync("s1");
        var s2 = await cluster.StartSiloAsync("s2");
        await PlacementTests.WaitForAllPartitionsAsync(cluster, 16);

        await RoundAsync(s1, keys, acked, failures);
        var joining = cluster.StartSiloAsync("s3");
        await RoundAsync(s2, keys, acked, failures);
        var s3 = await joining;
        var leaving = cluster.StopSiloAsync(s1);
        await RoundAsync(s3, keys, acked, failures);
        await leaving;
        var rejoining = cluster.StartSiloAsync("s4");
        await RoundAsync(s2, keys, acked, failures);
        await rejoining;
        await RoundAsync(s3, keys, acked, failures);

        Assert.True(failures.Count == 0, $"{failures.Count} calls failed, e.g. {string.Join(" | ", failures.Take(3))}");
        var states = await Task.WhenAll(keys.Select(k => s2.Grains.GetGrain<IChurnGrain>(k).Get()));
        for (var i = 0; i < Grains; i++)
        {
            Assert.Equal(acked[i], states[i].Count);
            var epochs = states[i].Leases.Select(l => long.Parse(l[(l.IndexOf('#') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(epochs.Zip(epochs.Skip(1)).All(p => p.First < p.Second), $"{keys[i]} wrote under leases {string.Join(", ", states[i].Leases)}");
        }

        Assert.Contains(states, s => s.Leases.Count > 1);
        await cluster.DisposeAsync();
        Assert.Empty(ActivationLog.Overlaps(keys));
        Assert.True(ActivationLog.ActivationCount(keys) > Grains, "some grains moved between silos");
    }

    private static async Task RoundAsync(TestClusterSilo via, string[] keys, int[] acked, List<string> failures)
    {
        await Task.WhenAll(keys.Select(async (key, i) =>
        {
            try
            {
                await via.Grains.GetGrain<IChurnGrain>(key).Increment();
                Interlocked.Increment(ref acked[i]);
            }
            catch (Exception ex)
            {
                lock (failures)
                {
                    failures.Add($"{key}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }));
    }
}
