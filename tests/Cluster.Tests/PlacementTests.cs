using SampleMind.Cluster.Tests.Grains;
using SampleMind.Cluster.Tests.Support;
using SampleMind.Runtime.Cluster;

namespace SampleMind.Cluster.Tests;

public sealed class PlacementTests
{
    private const int GpuRing = 3;

    [Fact]
    public async Task Grains_spread_over_both_silos_and_answer_from_either()
    {
        await using var cluster = await TestCluster.CreateAsync();
        var a = await cluster.StartSiloAsync("a");
        var b = await cluster.StartSiloAsync("b");
        await WaitForAllPartitionsAsync(cluster, 16);
        var keys = Enumerable.Range(0, 200).Select(i => "spread-" + Guid.NewGuid().ToString("N")[..6] + i).ToList();
        var fromA = await Task.WhenAll(keys.Select(k => a.Grains.GetGrain<IChurnGrain>(k).WhereAmI()));
        var fromB = await Task.WhenAll(keys.Select(k => b.Grains.GetGrain<IChurnGrain>(k).WhereAmI()));
        Assert.Equal(fromA, fromB);
        Assert.Contains("a", fromA);
        Assert.Contains("b", fromA);
    }

    [Fact]
    public async Task A_gpu_placed_grain_activates_only_on_gpu_silos()
    {
        await using var cluster = await TestCluster.CreateAsync();
        var cpu = await cluster.StartSiloAsync("cpu-1", "cpu", "api");
        var gpu1 = await cluster.StartSiloAsync("gpu-1", "gpu");
        var gpu2 = await cluster.StartSiloAsync("gpu-2", "gpu");
        await WaitForAllPartitionsAsync(cluster, 16);
        await TestSupport.Eventually.HoldsAsync(
            () => new[] { gpu1, gpu2 }.All(s => s.Cluster.Partitions.Held().Any(h => h.Ring == GpuRing && !h.Lease.Draining)) &&
                  new[] { gpu1, gpu2 }.Sum(s => s.Cluster.Partitions.Held().Count(h => h.Ring == GpuRing && !h.Lease.Draining)) == 16 &&
                  Enumerable.Range(0, 16).All(p => cpu.Cluster.Routes.Owner(GpuRing, p) is not null),
            TimeSpan.FromSeconds(20), "both gpu silos hold gpu partitions");
        var places = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => cpu.Grains.GetGrain<IGpuGrain>("g" + i).WhereAmI()));
        Assert.All(places, p => Assert.StartsWith("gpu-", p, StringComparison.Ordinal));
        Assert.Equal(2, places.Distinct().Count());
    }

    [Fact]
    public async Task With_no_gpu_silo_alive_a_gpu_grain_call_fails_fast_with_a_clear_error()
    {
        await using var cluster = await TestCluster.CreateAsync();
        var cpu = await cluster.StartSiloAsync("cpu-only", "cpu");
        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => cpu.Grains.GetGrain<IGpuGrain>("lonely").WhereAmI());
        Assert.Contains("role 'gpu'", error.Message, StringComparison.Ordinal);

        // Failing fast is the router's answer on its second look at an empty ring, not the end of the
        // retry budget (whose error says "found no silo to run it within …").
        Assert.Contains("cannot run until one joins", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grain_on_one_silo_pushes_to_an_observer_registered_on_another()
    {
        await using var cluster = await TestCluster.CreateAsync();
        var a = await cluster.StartSiloAsync("obs-a");
        var b = await cluster.StartSiloAsync("obs-b");
        await WaitForAllPartitionsAsync(cluster, 16);
        var key = Enumerable.Range(0, 100).Select(i => "room" + i)
            .First(k => a.Cluster.Partitions.Get(new Runtime.GrainId("test-chat", k)) is not null);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var observer = b.Grains.CreateObjectReference<IChatObserver>(new Listener(received));
        await b.Grains.GetGrain<IChatGrain>(key).Join(observer);
        await b.Grains.GetGrain<IChatGrain>(key).Say("hello from a");
        Assert.Equal("hello from a", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    internal static Task WaitForAllPartitionsAsync(TestCluster cluster, int partitions) =>
        TestSupport.Eventually.HoldsAsync(
            () => cluster.Silos.All(s => s.Cluster.Partitions.Held().Any(h => h.Ring == 0 && !h.Lease.Draining)) &&
                  cluster.Silos.Sum(s => s.Cluster.Partitions.Held().Count(h => h.Ring == 0 && !h.Lease.Draining)) == partitions &&
                  cluster.Silos.All(s => Enumerable.Range(0, partitions).All(p => s.Cluster.Routes.Owner(0, p) is not null)),
            TimeSpan.FromSeconds(20), "every silo holds part of ring 'any', all of it is held, and every silo knows the owners");

    private sealed class Listener(TaskCompletionSource<string> received) : IChatObserver
    {
        public Task Said(string text)
        {
            received.TrySetResult(text);
            return Task.CompletedTask;
        }
    }
}
