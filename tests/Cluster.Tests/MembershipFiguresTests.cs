using SampleMind.Cluster.Tests.Support;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Diagnostics;
using SampleMind.TestSupport;

namespace SampleMind.Cluster.Tests;

/// <summary>
/// The figures the dashboard reads from PostgreSQL (<see cref="IClusterDiagnostics.GetFiguresAsync"/>):
/// membership events written where the transitions happen (two in-process silos and a silo process
/// join, one in-process silo leaves gracefully, the process is killed and declared dead), the CPU and
/// memory each live silo publishes with its heartbeat, and the partitions each holds per ring.
/// </summary>
public sealed class MembershipFiguresTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Events_list_joins_a_leave_and_a_declared_death_once_each_and_live_silos_publish_stats_and_partitions()
    {
        await using var cluster = await TestCluster.CreateAsync();
        var first = await cluster.StartSiloAsync("a-first", "cpu");
        var second = await cluster.StartSiloAsync("b-second", "cpu");
        await using var victim = SiloProcess.Start(cluster.ConnectionString, "c-victim", ["cpu"]);
        await victim.WaitReadyAsync();
        var diagnostics = new ClusterSiloDiagnostics(first.Runtime, first.Cluster);
        var partitions = first.Cluster.Options.Partitions;

        var figures = ClusterFigures.Empty;
        await Eventually.HoldsAsync(async () =>
        {
            figures = await diagnostics.GetFiguresAsync(CancellationToken.None);
            return figures.Silos.Count == 3 && figures.Silos.Values.All(s => s.CpuPercent is not null) &&
                RingSums(figures).SequenceEqual([("any", partitions), ("cpu", partitions)]);
        }, s_timeout, "three live silos with CPU figures, holding every partition of the any and cpu rings");
        foreach (var silo in figures.Silos.Values)
        {
            Assert.InRange(silo.CpuPercent!.Value, 0, 100);
            Assert.True(silo.WorkingSetBytes > 0, $"{silo.SiloId} published a working set of {silo.WorkingSetBytes}");
            Assert.NotNull(silo.StatsAt);
            Assert.True(DateTimeOffset.UtcNow - silo.StatsAt!.Value < first.Cluster.Options.SiloTimeout * 2,
                $"{silo.SiloId}'s figures are from {silo.StatsAt}");
            Assert.StartsWith("http://127.0.0.1:", silo.Address, StringComparison.Ordinal);
        }

        await cluster.StopSiloAsync(second);
        victim.Kill();
        await Eventually.HoldsAsync(async () =>
        {
            figures = await diagnostics.GetFiguresAsync(CancellationToken.None);
            return figures.Events.Any(e => e.Kind == "declared-dead") && figures.Silos.Count == 1;
        }, s_timeout, "the killed silo declared dead and only the first silo live");

        Assert.Equal(
            [("a-first", "joined"), ("b-second", "joined"), ("c-victim", "joined"), ("b-second", "left"), ("c-victim", "declared-dead")],
            figures.Events.Select(e => (e.SiloId, e.Kind)));
        Assert.Equal($"by {first.Cluster.Partitions.Instance}", figures.Events[^1].Detail);
        Assert.Contains("cpu at http://127.0.0.1:", figures.Events[0].Detail, StringComparison.Ordinal);
        Assert.True(figures.Events.Zip(figures.Events.Skip(1)).All(p => p.First.Id < p.Second.Id && p.First.Time <= p.Second.Time));
        await Eventually.HoldsAsync(async () =>
            RingSums(await diagnostics.GetFiguresAsync(CancellationToken.None)).SequenceEqual([("any", partitions), ("cpu", partitions)]),
            s_timeout, "the remaining silo to hold every partition");
    }

    [Fact]
    public async Task A_silo_restarted_under_the_same_id_is_recorded_as_a_new_incarnation()
    {
        await using var cluster = await TestCluster.CreateAsync();
        var first = await cluster.StartSiloAsync("r-first");
        var diagnostics = new ClusterSiloDiagnostics(first.Runtime, first.Cluster);
        await cluster.StopSiloAsync(await cluster.StartSiloAsync("r-again"));
        await cluster.StartSiloAsync("r-again");

        var figures = ClusterFigures.Empty;
        await Eventually.HoldsAsync(async () =>
            (figures = await diagnostics.GetFiguresAsync(CancellationToken.None)).Events.Count == 4, s_timeout, "four membership events");
        Assert.Equal(["joined", "joined", "left", "new-incarnation"], figures.Events.Select(e => e.Kind));
        Assert.Contains($", after {figures.Events[1].Instance}", figures.Events[3].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_process_started_with_a_live_silos_id_is_refused_and_the_live_silo_keeps_its_place()
    {
        await using var cluster = await TestCluster.CreateAsync();
        var first = await cluster.StartSiloAsync("twin");
        var diagnostics = new ClusterSiloDiagnostics(first.Runtime, first.Cluster);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.StartSiloAsync("twin"));

        Assert.Equal(
            $"Silo:SiloId 'twin' is in use by a running silo at {first.Cluster.Address}: give this silo an id of its own, or stop that one first.",
            refused.Message);
        var figures = await diagnostics.GetFiguresAsync(CancellationToken.None);
        Assert.Equal([("twin", "joined")], figures.Events.Select(e => (e.SiloId, e.Kind)));
        Assert.Equal(["twin"], figures.Silos.Keys);
    }

    [Fact]
    public async Task A_second_process_advertising_a_live_silos_address_and_id_is_refused_and_the_live_silo_keeps_its_place()
    {
        await using var cluster = await TestCluster.CreateAsync();
        var first = await cluster.StartSiloAsync("twin");
        var diagnostics = new ClusterSiloDiagnostics(first.Runtime, first.Cluster);

        // Two containers both advertising http://silo-1:port, as here two listen addresses behind one advertised address.
        cluster.ConfigureCluster = o =>
        {
            o.AdvertisedAddress = first.Cluster.Address;
            o.ListenAddress = "127.0.0.2";
        };
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.StartSiloAsync("twin"));

        Assert.Equal(
            $"Silo:SiloId 'twin' is in use by a running silo at {first.Cluster.Address}: give this silo an id of its own, or stop that one first.",
            refused.Message);
        var figures = await diagnostics.GetFiguresAsync(CancellationToken.None);
        Assert.Equal([("twin", "joined")], figures.Events.Select(e => (e.SiloId, e.Kind)));
        Assert.Equal(["twin"], figures.Silos.Keys);
        Assert.True(first.Cluster.HasJoined);
    }

    [Fact]
    public async Task A_silo_restarted_at_its_address_right_after_a_kill_joins_as_a_new_incarnation()
    {
        await using var cluster = await TestCluster.CreateAsync();
        await using (var killed = SiloProcess.Start(cluster.ConnectionString, "k-restart", ["cpu"]))
        {
            await killed.WaitReadyAsync();
            killed.Kill();
            cluster.ConfigureCluster = o => o.AdvertisedAddress = killed.Address;
        }

        var restarted = await cluster.StartSiloAsync("k-restart", "cpu");
        var diagnostics = new ClusterSiloDiagnostics(restarted.Runtime, restarted.Cluster);

        var figures = ClusterFigures.Empty;
        await Eventually.HoldsAsync(async () =>
            (figures = await diagnostics.GetFiguresAsync(CancellationToken.None)).Events.Count == 2, s_timeout, "two membership events");
        Assert.Equal([("k-restart", "joined"), ("k-restart", "new-incarnation")], figures.Events.Select(e => (e.SiloId, e.Kind)));
        Assert.Equal(["k-restart"], figures.Silos.Keys);
        Assert.Equal(restarted.Cluster.Address, figures.Silos["k-restart"].Address);
    }

    private static List<(string Ring, int Count)> RingSums(ClusterFigures figures) =>
        [.. figures.Silos.Values.SelectMany(s => s.Partitions).GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(p => p.Value))).OrderBy(r => r.Key, StringComparer.Ordinal)];
}
