using Npgsql;
using SampleMind.Cluster.Tests.Support;

namespace SampleMind.Cluster.Tests;

/// <summary>
/// The partition count is fixed for the life of a database: the first silo records it (cluster_settings), and a silo
/// started with another count is refused before it joins or takes a lease, naming Cluster:Partitions and both counts.
/// </summary>
public sealed class PartitionCountTests
{
    [Fact]
    public async Task A_silo_started_with_another_partition_count_than_the_database_is_refused_before_it_joins()
    {
        await using var cluster = await TestCluster.CreateAsync();
        await cluster.StartSiloAsync("p-first");

        cluster.ConfigureCluster = o => o.Partitions = 32;
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.StartSiloAsync("p-other"));

        Assert.Equal(
            "Cluster:Partitions is 32, but the cluster's database was created with 16 partitions per ring, fixed for its life: " +
            "set Cluster:Partitions to 16 on every silo, or give this cluster a new database.",
            refused.Message);
        Assert.Equal([16], await ScalarsAsync(cluster.ConnectionString, "SELECT DISTINCT max(partition) + 1 FROM partition_leases GROUP BY ring"));
        Assert.Equal([0L], await ScalarsAsync(cluster.ConnectionString, "SELECT count(*) FROM silos WHERE silo_id = 'p-other'"));
        Assert.Equal([0L], await ScalarsAsync(cluster.ConnectionString, "SELECT count(*) FROM partition_leases WHERE owner LIKE 'p-other@%'"));
    }

    [Fact]
    public async Task A_database_from_before_the_record_takes_its_count_from_its_lease_rows()
    {
        await using var cluster = await TestCluster.CreateAsync();
        await cluster.StopSiloAsync(await cluster.StartSiloAsync("p-old"));
        await ScalarsAsync(cluster.ConnectionString, "DELETE FROM cluster_settings RETURNING name");

        cluster.ConfigureCluster = o => o.Partitions = 8;
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.StartSiloAsync("p-new"));

        Assert.StartsWith("Cluster:Partitions is 8, but the cluster's database was created with 16 partitions per ring", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["16"], await ScalarsAsync(cluster.ConnectionString, "SELECT value FROM cluster_settings WHERE name = 'partitions'"));
    }

    private static async Task<List<object>> ScalarsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<object>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0));
        }

        return values;
    }
}
