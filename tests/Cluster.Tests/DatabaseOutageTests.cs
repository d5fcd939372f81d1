using Npgsql;
using SampleMind.Cluster.Tests.Support;
using SampleMind.TestSupport;

namespace SampleMind.Cluster.Tests;

/// <summary>
/// PostgreSQL out of the silos' reach for longer than the silo timeout (a relay they connect through is cut): when it
/// is back, the first silo to write its heartbeat again does not declare the others dead (they could not write either),
/// and a silo that stopped during the outage without leaving is still declared dead, a silo timeout later.
/// </summary>
public sealed class DatabaseOutageTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task After_an_outage_longer_than_the_silo_timeout_only_the_silo_that_stopped_during_it_is_declared_dead()
    {
        var database = await TestCluster.NewSchemaAsync();
        await using var relay = PostgresRelay.Start(database);
        await using var cluster = TestCluster.Over(relay.ConnectionString);

        // The relay runs on this process's thread pool beside four silos: a silo timeout of ten heartbeats (not four)
        // leaves every silo time to reconnect through it; the lease outlasts the timeout, so a silo that drops its
        // partitions has not written a heartbeat for longer than the timeout.
        cluster.LeaseDuration = TimeSpan.FromSeconds(9);
        cluster.ConfigureCluster = o => o.SiloTimeout = TimeSpan.FromSeconds(5);
        TestClusterSilo[] live = [await cluster.StartSiloAsync("o-1"), await cluster.StartSiloAsync("o-2"), await cluster.StartSiloAsync("o-3")];
        var gone = await cluster.StartSiloAsync("o-gone");
        await Eventually.HoldsAsync(() => live.All(s => s.Cluster.Partitions.Held().Any()), s_timeout, "every silo to hold partitions");

        relay.Cut();

        // Its leave fails with the database out of reach: its row stays active and falls silent, as after a kill.
        await cluster.StopSiloAsync(gone);
        await Eventually.HoldsAsync(() => live.All(s => !s.Cluster.Partitions.Held().Any()), s_timeout,
            "every silo to drop its partitions, their leases unrenewed (its heartbeat older than the silo timeout by then)");
        relay.Restore();

        await Eventually.HoldsAsync(async () => (await EventsAsync(database)).Any(e => e.Kind == "declared-dead"), s_timeout,
            "the silo that stopped during the outage to be declared dead");
        await Eventually.HoldsAsync(() => live.All(s => s.Cluster.Partitions.Held().Any()), s_timeout, "every silo to hold partitions again");

        var events = await EventsAsync(database);
        Assert.Equal(
            [("o-1", "joined"), ("o-2", "joined"), ("o-3", "joined"), ("o-gone", "joined"), ("o-gone", "declared-dead")],
            events.Select(e => (e.SiloId, e.Kind)));
        Assert.Contains(events[^1].Detail, live.Select(s => $"by {s.Cluster.Partitions.Instance}"));
    }

    private static async Task<List<(string SiloId, string Kind, string? Detail)>> EventsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT silo_id, kind, detail FROM membership_events ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<(string, string, string?)>();
        while (await reader.ReadAsync())
        {
            events.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return events;
    }
}
