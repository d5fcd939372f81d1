using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SampleMind.Cluster.Tests.Support;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Cluster.Placement;
using SampleMind.Runtime.Serialization;
using SampleMind.Scheduling;
using SampleMind.Scheduling.Postgres;
using SampleMind.TestSilo.Grains;
using Xunit.Abstractions;

namespace SampleMind.Cluster.Tests;

/// <summary>
/// Silos as separate processes (tests/ClusterSilo): kill -9 under load, a rolling restart under load,
/// and the work queue across a killed worker. The test process joins as an in-process "api" silo that
/// only routes: the counters are placed on "cpu", which only the processes have.
/// </summary>
public sealed class ProcessClusterTests(ITestOutputHelper output)
{
    private const int Partitions = 16;
    private const int Callers = 16;
    private static readonly int CpuRing = Rings.IndexOf("cpu");

    [Fact]
    public async Task Kill_9_of_a_silo_under_load_loses_no_acknowledged_write_and_its_grains_answer_again_within_the_lease_plus_5_s()
    {
        await using var cluster = await TestCluster.CreateAsync();
        await using var processes = new SiloProcesses(cluster.ConnectionString);
        await processes.StartAllAsync("k1", "k2", "k3");
        var client = await cluster.StartSiloAsync("client", "api");
        await WaitForCpuOwnersAsync(client, processes);

        var options = client.Cluster.Options;
        var keys = Enumerable.Range(0, 160).Select(i => $"kill-{i}").ToArray();
        var load = new CounterLoad(client.Grains, keys, Callers, options.EffectiveRetryTimeout + TimeSpan.FromSeconds(15));
        load.Start();
        await TestSupport.Eventually.HoldsAsync(() => Enumerable.Range(0, keys.Length).All(k => load.Acked(k) > 0), TimeSpan.FromSeconds(60), "every counter acknowledged once");

        var victim = processes["k2"];
        var owned = OwnedBy(client, victim, keys);
        Assert.NotEmpty(owned);
        victim.Kill();

        // From the moment the process is gone: calls that started earlier may still have been answered by it.
        var killedAt = Stopwatch.GetTimestamp();
        await TestSupport.Eventually.HoldsAsync(
            () => owned.All(k => load.Calls.Any(c => c.Key == k && c.Error is null && c.Started > killedAt)),
            TimeSpan.FromSeconds(60), "every grain the killed silo owned answered again");
        await load.StopAsync();

        var calls = load.Calls;
        var recovery = owned
            .Select(k => Stopwatch.GetElapsedTime(killedAt, calls.Where(c => c.Key == k && c.Error is null && c.Started > killedAt).Min(c => c.Ended)))
            .OrderBy(t => t)
            .ToList();
        var failures = calls.Where(c => c.Error is not null).ToList();
        output.WriteLine(
            $"kill -9 of {victim.SiloId} ({owned.Count} of {keys.Length} grains): first answers after {recovery[0].TotalSeconds:0.00} s, " +
            $"median {recovery[recovery.Count / 2].TotalSeconds:0.00} s, last {recovery[^1].TotalSeconds:0.00} s; {calls.Count} calls, " +
            $"{failures.Count} failed, longest {calls.Max(c => c.Duration).TotalSeconds:0.00} s (lease {options.LeaseDuration.TotalSeconds} s, " +
            $"silo timeout {options.SiloTimeout.TotalSeconds} s, retry budget {options.EffectiveRetryTimeout.TotalSeconds} s)");
        foreach (var message in failures.Select(c => c.Error!.Message).Distinct().Take(3))
        {
            output.WriteLine("  failed: " + message);
        }

        Assert.True(recovery[^1] <= options.LeaseDuration + TimeSpan.FromSeconds(5), $"the last grain answered again {recovery[^1].TotalSeconds:0.00} s after the kill");

        // Bounded retries: no call hangs past the retry budget, and only calls in flight on the killed silo fail (one per caller at most).
        Assert.DoesNotContain(failures, c => c.Error is TimeoutException);
        Assert.All(failures, c => Assert.IsType<SiloUnavailableException>(c.Error));
        Assert.True(failures.Count <= Callers, $"{failures.Count} calls failed: {string.Join(" | ", failures.Take(3).Select(c => c.Error!.Message))}");
        Assert.True(calls.Max(c => c.Duration) <= options.EffectiveRetryTimeout + TimeSpan.FromSeconds(5), $"a call took {calls.Max(c => c.Duration)}");

        // No acknowledged write is lost; a failed call may or may not have been written before the kill.
        var persisted = await ReadCountersAsync(cluster.ConnectionString);
        for (var k = 0; k < keys.Length; k++)
        {
            var state = persisted[keys[k]];
            var failed = failures.Count(c => c.Key == k);
            Assert.InRange(state.Count, load.Acked(k), load.Acked(k) + failed);
            AssertEpochsIncrease(keys[k], state);
        }

        Assert.All(owned, k => Assert.NotEqual(victim.SiloId, persisted[keys[k]].Leases[^1].Split('#')[0]));
    }

    [Fact]
    public async Task A_rolling_restart_of_every_silo_under_load_fails_no_call()
    {
        await using var cluster = await TestCluster.CreateAsync();

        // The caller's retry budget (documented, configurable): a hand-off under heavy load on two shared cores can take seconds.
        cluster.ConfigureCluster = o => o.RetryTimeout = TimeSpan.FromSeconds(20);
        await using var processes = new SiloProcesses(cluster.ConnectionString);
        await processes.StartAllAsync("r1", "r2", "r3");
        var client = await cluster.StartSiloAsync("client", "api");
        await WaitForCpuOwnersAsync(client, processes);

        var options = client.Cluster.Options;
        var keys = Enumerable.Range(0, 160).Select(i => $"roll-{i}").ToArray();
        var load = new CounterLoad(client.Grains, keys, Callers, options.EffectiveRetryTimeout + TimeSpan.FromSeconds(15));
        load.Start();
        foreach (var id in new[] { "r1", "r2", "r3" })
        {
            var before = load.Calls.Count;
            var watch = Stopwatch.StartNew();
            await processes[id].StopAsync();
            var stopped = watch.Elapsed;
            await processes.StartAsync(id, null);
            var started = watch.Elapsed;
            await WaitForCpuOwnersAsync(client, processes);
            output.WriteLine($"{id}: stopped in {stopped.TotalSeconds:0.0} s, ready again after {started.TotalSeconds:0.0} s, owns partitions again after {watch.Elapsed.TotalSeconds:0.0} s");
            await TestSupport.Eventually.HoldsAsync(() => load.Calls.Count > before + Callers, TimeSpan.FromSeconds(60), $"calls go on after {id} restarted");
        }

        // Every partition has moved by now; each counter is checked below for a second lease, so each must be called
        // once more after the last restart (the load's callers pick keys in turn, not all of them within a few calls).
        var lastRestart = Stopwatch.GetTimestamp();
        await TestSupport.Eventually.HoldsAsync(
            () => load.Calls.Where(c => c.Started > lastRestart && c.Error is null).Select(c => c.Key).Distinct().Count() == keys.Length,
            TimeSpan.FromSeconds(60), "every counter called after the last restart");

        await load.StopAsync();
        var calls = load.Calls;
        var failures = calls.Where(c => c.Error is not null).ToList();
        output.WriteLine($"rolling restart: {calls.Count} calls, {failures.Count} failed, longest {calls.Max(c => c.Duration).TotalSeconds:0.00} s");
        Assert.True(failures.Count == 0, $"{failures.Count} calls failed, e.g. {string.Join(" | ", failures.Take(3).Select(c => $"{keys[c.Key]}: {c.Error!.GetType().Name}: {c.Error.Message}"))}");
        Assert.True(calls.Max(c => c.Duration) <= options.EffectiveRetryTimeout, $"a call took {calls.Max(c => c.Duration)}");

        var persisted = await ReadCountersAsync(cluster.ConnectionString);
        for (var k = 0; k < keys.Length; k++)
        {
            Assert.Equal(load.Acked(k), persisted[keys[k]].Count);
            AssertEpochsIncrease(keys[k], persisted[keys[k]]);
        }

        // Every process was replaced, and grains moved with the hand-offs.
        Assert.True(keys.All(k => persisted[k].Leases.Count > 1), "every counter was served by more than one lease");
    }

    [Fact]
    public async Task Work_leased_by_a_killed_silo_is_reclaimed_and_finished_once_and_a_poison_item_is_set_aside()
    {
        var connection = await TestCluster.NewSchemaAsync();
        var queueOptions = new WorkQueueOptions
        {
            Provider = WorkQueueOptions.PostgresProvider,
            ConnectionString = connection,
            MaxAttempts = 3,
            RetryBackoff = TimeSpan.FromMilliseconds(100),
            MaxRetryBackoff = TimeSpan.FromMilliseconds(400),
        };
        await using var queue = new PostgresWorkQueue(queueOptions);
        await queue.EnsureSchemaAsync();
        const string job = "proc-job";
        await queue.RegisterJobAsync(new WorkJob(job, "tenant", 5, "test"));
        var keys = Enumerable.Range(0, 30).Select(i => $"item-{i:00}").ToList();
        var items = keys.Select(k => new WorkItemRequest(k, "test-work", WorkRoles.Cpu, "{}")).ToList();
        items.Insert(3, new WorkItemRequest("poison", "test-work", WorkRoles.Cpu, """{"poison":true}"""));
        Assert.Equal(31, await queue.EnqueueAsync(job, items));

        var work = new Dictionary<string, string>
        {
            ["Work:Enabled"] = "true",
            ["Work:Concurrency"] = "4",
            ["Work:Lease"] = "00:00:03",
            ["WorkQueue:MaxAttempts"] = "3",
            ["WorkQueue:RetryBackoff"] = "00:00:00.1",
            ["WorkQueue:MaxRetryBackoff"] = "00:00:00.4",
        };
        await using var processes = new SiloProcesses(connection);
        var holder = await processes.StartAsync("w-holder", new Dictionary<string, string>(work) { ["Work:Hold"] = "true" });
        await TestSupport.Eventually.HoldsAsync(() => Holding(holder).Count == 4, TimeSpan.FromSeconds(60), "the holder leases 4 items");
        var held = Holding(holder);
        Assert.Equal(4, (await queue.GetJobCountsAsync(job))!.Leased);
        holder.Kill();

        await Task.WhenAll(processes.StartAsync("w1", work), processes.StartAsync("w2", work));
        await TestSupport.Eventually.HoldsAsync(async () => (await queue.GetJobCountsAsync(job))!.IsFinished, TimeSpan.FromSeconds(90), "the job finishes");

        var counts = (await queue.GetJobCountsAsync(job))!;
        Assert.Equal((31, 30, 1), (counts.Enqueued, counts.Succeeded, counts.Failed));
        Assert.Equal(30, counts.Tallies["completed"]);
        var results = await queue.ReadResultsAsync(job, 0, 100);
        Assert.Equal(keys, results.Select(r => r.ItemKey).Order(StringComparer.Ordinal));
        foreach (var result in results.Where(r => held.Contains(r.ItemKey)))
        {
            // Finished by a survivor, on a later attempt than the killed holder's.
            Assert.Matches("""^\{"silo":"w[12]","attempt":[2-9]\}$""", result.ResultJson);
        }

        var failure = Assert.Single(await queue.ReadFailuresAsync(job, 10));
        Assert.Equal("poison", failure.ItemKey);
        Assert.Equal(3, failure.Attempts);
        Assert.Contains("poison item", failure.Error, StringComparison.Ordinal);
    }

    private static List<string> Holding(SiloProcess silo) =>
        [.. silo.Lines.Where(l => l.StartsWith("HOLDING ", StringComparison.Ordinal)).Select(l => l["HOLDING ".Length..])];

    /// <summary>Waits until the client knows an owner for every cpu partition, and the owners are exactly the running processes.</summary>
    private static Task WaitForCpuOwnersAsync(TestClusterSilo client, SiloProcesses processes) =>
        TestSupport.Eventually.HoldsAsync(
            () =>
            {
                var owners = Enumerable.Range(0, Partitions).Select(p => client.Cluster.Routes.Owner(CpuRing, p)?.Address).ToList();
                return owners.All(o => o is not null) && owners.ToHashSet().SetEquals(processes.Running.Select(s => s.Address));
            },
            TimeSpan.FromSeconds(60), "every cpu partition is owned, and every silo process owns some");

    /// <summary>Indexes of the keys whose partition the client routes to <paramref name="silo"/>.</summary>
    private static List<int> OwnedBy(TestClusterSilo client, SiloProcess silo, string[] keys) =>
        [.. Enumerable.Range(0, keys.Length).Where(k =>
            client.Cluster.Routes.Owner(CpuRing, Rings.PartitionOf("proc-counter", keys[k], Partitions))?.Address == silo.Address)];

    private static void AssertEpochsIncrease(string key, CounterState state)
    {
        var epochs = state.Leases.Select(l => long.Parse(l[(l.IndexOf('#', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture)).ToList();
        Assert.True(epochs.Zip(epochs.Skip(1)).All(p => p.First < p.Second), $"{key} wrote under leases {string.Join(", ", state.Leases)}");
    }

    /// <summary>The counters as persisted in grain_state.</summary>
    private static async Task<Dictionary<string, CounterState>> ReadCountersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT grain_key, payload FROM grain_state WHERE grain_type = 'proc-counter'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var states = new Dictionary<string, CounterState>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            states[reader.GetString(0)] = GrainSerializer.Deserialize<CounterState>(reader.GetFieldValue<byte[]>(1))!;
        }

        return states;
    }

    /// <summary>The silo processes of one test, by id; disposing kills those still running.</summary>
    private sealed class SiloProcesses(string connectionString) : IAsyncDisposable
    {
        private readonly Dictionary<string, SiloProcess> _running = new(StringComparer.Ordinal);
        private readonly List<SiloProcess> _all = [];

        public SiloProcess this[string siloId] => _running[siloId];

        public IEnumerable<SiloProcess> Running => _running.Values.Where(s => !s.HasExited);

        public Task StartAllAsync(params string[] siloIds) => Task.WhenAll(siloIds.Select(id => StartAsync(id, null)));

        public async Task<SiloProcess> StartAsync(string siloId, Dictionary<string, string>? settings)
        {
            var silo = SiloProcess.Start(connectionString, siloId, ["cpu"], settings);
            lock (_all)
            {
                _all.Add(silo);
                _running[siloId] = silo;
            }

            await silo.WaitReadyAsync();
            return silo;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var silo in _all)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
