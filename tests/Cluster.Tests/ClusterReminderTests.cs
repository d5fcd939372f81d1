using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using SampleMind.Cluster.Tests.Grains;
using SampleMind.Cluster.Tests.Support;
using SampleMind.Runtime.Diagnostics;
using SampleMind.TestSupport;
using Xunit.Abstractions;

namespace SampleMind.Cluster.Tests;

/// <summary>
/// Reminders in cluster mode: Quartz's clustered job store on the cluster's PostgreSQL, one
/// scheduler node per silo. Tickers persist the scheduled time of every tick they receive, so a
/// tick delivered twice (two nodes firing one trigger time) shows as a repeated time.
/// </summary>
public sealed class ClusterReminderTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_reminder_fires_once_per_period_cluster_wide_on_three_silos()
    {
        await using var cluster = await StartClusterAsync();
        using var fired = new FiredEvents();
        var keys = NewKeys("once", 3);
        var silos = cluster.Silos;
        for (var i = 0; i < keys.Length; i++)
        {
            await silos[i].Grains.GetGrain<ITickerGrain>(keys[i]).Start(Period);
        }

        var entry = silos[0].Grains;
        await Eventually.HoldsAsync(async () => (await Task.WhenAll(keys.Select(k => entry.GetGrain<ITickerGrain>(k).Log()))).All(l => l.Scheduled.Count >= 5),
            Patience, "every ticker received 5 ticks");
        foreach (var key in keys)
        {
            await entry.GetGrain<ITickerGrain>(key).Stop();
        }

        // Once stopped, every fire the schedulers reported is a tick the grain recorded: none was delivered twice.
        await Eventually.HoldsAsync(async () =>
            {
                foreach (var key in keys)
                {
                    if ((await entry.GetGrain<ITickerGrain>(key).Log()).Scheduled.Count != fired.For(key).Count)
                    {
                        return false;
                    }
                }

                return true;
            },
            Patience, "each ticker's recorded ticks match the fires reported across the cluster");
        foreach (var key in keys)
        {
            var log = await entry.GetGrain<ITickerGrain>(key).Log();
            AssertOncePerPeriod(key, log.Scheduled);
        }

        // Every silo is a node of one clustered scheduler: each checks in under its own instance id.
        var nodes = await QueryStringsAsync(cluster.ConnectionString, "SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = 'samplemind-reminders'");
        Assert.All(silos, s => Assert.Contains(s.Runtime.Reminders.InstanceId!, nodes));
        output.WriteLine("fired by: " + string.Join(", ", keys.SelectMany(fired.For).GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
    }

    [Fact]
    public async Task A_reminder_keeps_firing_into_its_grain_after_the_registering_silo_stops_and_reaches_it_from_another_silo()
    {
        await using var cluster = await StartClusterAsync();
        using var fired = new FiredEvents();
        var key = NewKeys("failover", 1)[0];
        var ticker = cluster.Silos[0].Grains.GetGrain<ITickerGrain>(key);

        // The grain registers the reminder on the silo that hosts it.
        var registeredOn = await ticker.WhereAmI();
        await ticker.Start(Period);
        await Eventually.HoldsAsync(async () => (await ticker.Log()).Scheduled.Count >= 2, Patience, "two ticks before the stop");
        await cluster.StopSiloAsync(cluster.Silos.Single(s => s.SiloId == registeredOn));
        var stoppedAt = DateTime.UtcNow.Ticks;

        var entry = cluster.Silos[0].Grains.GetGrain<ITickerGrain>(key);
        await Eventually.HoldsAsync(async () => (await entry.Log()).Scheduled.Count(t => t > stoppedAt) >= 2, Patience,
            $"two ticks scheduled after {registeredOn} stopped");
        var log = await entry.Log();
        var host = await entry.WhereAmI();
        Assert.NotEqual(registeredOn, host);
        Assert.All(log.Scheduled.Zip(log.Hosts).Where(t => t.First > stoppedAt), t => Assert.NotEqual(registeredOn, t.Second));

        // With the host's own scheduler node in standby (a trigger it had already acquired may still fire once),
        // only other silos fire: their ticks must be routed to the grain on the host.
        var hostSilo = cluster.Silos.Single(s => s.SiloId == host);
        await hostSilo.Runtime.Reminders.StandbyAsync();
        var firedBefore = fired.For(key).Count;
        var standbyAt = DateTime.UtcNow.Ticks;
        await Eventually.HoldsAsync(async () =>
            {
                var now = await entry.Log();
                return now.Scheduled.Zip(now.Hosts).Count(t => t.First > standbyAt + (2 * Period.Ticks) && t.Second == host) >= 2 &&
                       fired.For(key).Skip(firedBefore).Count(silo => silo != host) >= 2;
            },
            Patience, $"two ticks fired by other silos reach {key} on {host}");
        Assert.True(fired.For(key).Skip(firedBefore).Count(silo => silo == host) <= 1, $"{host} kept firing in standby");

        await entry.Stop();
        AssertOncePerPeriod(key, (await entry.Log()).Scheduled);
    }

    [Fact]
    public async Task Unregistering_a_reminder_stops_it_on_every_silo()
    {
        await using var cluster = await StartClusterAsync();
        var keys = NewKeys("stop", 2);
        var (target, witness) = (cluster.Silos[1].Grains.GetGrain<ITickerGrain>(keys[0]), cluster.Silos[2].Grains.GetGrain<ITickerGrain>(keys[1]));
        await target.Start(Period);
        await witness.Start(Period);
        await Eventually.HoldsAsync(async () => (await target.Log()).Scheduled.Count >= 2 && (await witness.Log()).Scheduled.Count >= 2,
            Patience, "both tickers ticked twice");

        await cluster.Silos[0].Grains.GetGrain<ITickerGrain>(keys[0]).Stop();
        var stoppedAt = DateTime.UtcNow.Ticks;
        Assert.Equal(0, await CountTriggersAsync(cluster.ConnectionString, keys[0]));
        Assert.Equal(1, await CountTriggersAsync(cluster.ConnectionString, keys[1]));
        foreach (var silo in cluster.Silos)
        {
            Assert.False(await silo.Grains.GetGrain<ITickerGrain>(keys[0]).IsRegistered());
        }

        // The witness shows three more periods passed on the cluster's schedulers; the target got no tick scheduled after the stop.
        await Eventually.HoldsAsync(async () => (await witness.Log()).Scheduled.Count(t => t > stoppedAt + (3 * Period.Ticks)) >= 1, Patience,
            "the witness ticked three periods after the stop");
        var after = (await target.Log()).Scheduled.Where(t => t > stoppedAt).ToList();
        Assert.True(after.Count == 0, $"{after.Count} ticks scheduled after the reminder was unregistered");
        await witness.Stop();
    }

    [Fact]
    public async Task A_trigger_held_by_a_crashed_scheduler_node_is_taken_over_by_the_others()
    {
        await using var cluster = await StartClusterAsync();
        var key = NewKeys("crash", 1)[0];
        var ticker = cluster.Silos[0].Grains.GetGrain<ITickerGrain>(key);
        await ticker.Start(Period);
        await Eventually.HoldsAsync(async () => (await ticker.Log()).Scheduled.Count >= 2, Patience, "two ticks before the crash");

        // Quiesce the live nodes, then leave in the database what a node killed after acquiring the trigger
        // leaves behind: its stale check-in, its fired-trigger entry, and the trigger ACQUIRED.
        foreach (var silo in cluster.Silos)
        {
            await silo.Runtime.Reminders.StandbyAsync();
        }

        var group = "test-ticker/" + key;
        await Eventually.HoldsAsync(async () =>
                (await QueryStringsAsync(cluster.ConnectionString, $"SELECT trigger_state FROM qrtz_triggers WHERE trigger_group = '{group}'")).SequenceEqual(["WAITING"]) &&
                (await QueryStringsAsync(cluster.ConnectionString, $"SELECT entry_id FROM qrtz_fired_triggers WHERE trigger_group = '{group}'")).Count == 0,
            Patience, "the trigger is idle once every node is in standby");
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var crash = new NpgsqlCommand("""
                INSERT INTO qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval)
                VALUES ('samplemind-reminders', 'crashed-node', @checkin, 1000);
                INSERT INTO qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group, instance_name, fired_time, sched_time, priority, state)
                SELECT sched_name, 'crashed-node-1', trigger_name, trigger_group, 'crashed-node', @now, next_fire_time, priority, 'ACQUIRED'
                FROM qrtz_triggers WHERE trigger_group = @group AND trigger_state = 'WAITING';
                UPDATE qrtz_triggers SET trigger_state = 'ACQUIRED' WHERE trigger_group = @group AND trigger_state = 'WAITING';
                """, connection);
            crash.Parameters.AddWithValue("checkin", DateTime.UtcNow.AddMinutes(-1).Ticks);
            crash.Parameters.AddWithValue("now", DateTime.UtcNow.Ticks);
            crash.Parameters.AddWithValue("group", group);
            Assert.Equal(3, await crash.ExecuteNonQueryAsync());
        }

        var crashedAt = DateTime.UtcNow.Ticks;
        foreach (var silo in cluster.Silos)
        {
            await silo.Runtime.Reminders.StartClusteredAsync(CancellationToken.None);
        }

        await Eventually.HoldsAsync(async () => (await ticker.Log()).Scheduled.Count(t => t > crashedAt) >= 2, Patience,
            "two ticks after the live nodes recovered the crashed node's trigger");
        Assert.DoesNotContain("crashed-node", await QueryStringsAsync(cluster.ConnectionString, "SELECT instance_name FROM qrtz_scheduler_state"));
        await ticker.Stop();
        AssertOncePerPeriod(key, (await ticker.Log()).Scheduled);
    }

    private static async Task<TestCluster> StartClusterAsync()
    {
        var cluster = await TestCluster.CreateAsync();
        cluster.ConfigureSilo = o => o.MinimumReminderPeriod = Period;
        cluster.ConfigureCluster = o => o.ReminderCheckinInterval = TimeSpan.FromSeconds(1);
        foreach (var silo in (string[])["r1", "r2", "r3"])
        {
            await cluster.StartSiloAsync(silo);
        }

        await PlacementTests.WaitForAllPartitionsAsync(cluster, 16);
        return cluster;
    }

    private static string[] NewKeys(string prefix, int count)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        return [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{run}-{i}")];
    }

    /// <summary>No tick time twice, and ticks at least one period apart (a misfire may skip, never repeat).</summary>
    private static void AssertOncePerPeriod(string key, List<long> scheduled)
    {
        Assert.True(scheduled.Distinct().Count() == scheduled.Count,
            $"{key} received a tick time twice: {string.Join(", ", scheduled.Select(t => new DateTime(t, DateTimeKind.Utc).ToString("HH:mm:ss.fff")))}");
        Assert.All(scheduled.Zip(scheduled.Skip(1)), p => Assert.True(p.Second - p.First >= Period.Ticks,
            $"{key}: tick {new DateTime(p.Second, DateTimeKind.Utc):HH:mm:ss.fff} came {TimeSpan.FromTicks(p.Second - p.First).TotalMilliseconds} ms after the previous one"));
    }

    private static async Task<List<string>> QueryStringsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<long> CountTriggersAsync(string connectionString, string key)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM qrtz_triggers WHERE trigger_group = $1", connection);
        command.Parameters.AddWithValue("test-ticker/" + key);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The silo of every ReminderFired event (a fire whose grain call completed), per grain key.</summary>
    private sealed class FiredEvents : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _fired = new(StringComparer.Ordinal);
        private readonly ConcurrentBag<IDisposable> _subscriptions = [];

        public FiredEvents() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public List<string> For(string key) => _fired.TryGetValue(key, out var silos) ? [.. silos] : [];

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == RuntimeEvents.ListenerName)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RuntimeEvents.ReminderFired && value.Value is RuntimeEvent e)
            {
                _fired.GetOrAdd(e.GrainId.Key, _ => new ConcurrentQueue<string>()).Enqueue(e.SiloId);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}
