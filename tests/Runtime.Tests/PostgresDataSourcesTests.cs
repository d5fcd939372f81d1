using Npgsql;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Storage;
using SampleMind.TestSupport;

namespace SampleMind.Runtime.Tests;

public sealed class PostgresDataSourcesTests
{
    private const int PooledConnections = 6;

    [Theory]
    [InlineData("Host=127.0.0.1;Database=sm", PostgresDataSources.DefaultMaxAutoPrepare, true)]
    [InlineData("Host=127.0.0.1;Database=sm;Max Auto Prepare=0", 0, true)]
    [InlineData("Host=127.0.0.1;Database=sm;MaxAutoPrepare=12;No Reset On Close=false", 12, false)]
    public void Statements_are_auto_prepared_and_connections_not_reset_unless_the_connection_string_says_otherwise(
        string connectionString, int maxAutoPrepare, bool noResetOnClose)
    {
        var effective = new NpgsqlConnectionStringBuilder(PostgresDataSources.WithDefaults(connectionString));

        Assert.Equal(maxAutoPrepare, effective.MaxAutoPrepare);
        Assert.Equal(noResetOnClose, effective.NoResetOnClose);
        Assert.Equal("sm", effective.Database);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Username=u;Passwrd=s3cr3tpw", "Cluster:Postgres has the keyword 'passwrd', which Npgsql does not know: ")]
    [InlineData("postgres://u:s3cr3tpw@127.0.0.1:1/db", "Cluster:Postgres is a URL (postgres://...), which Npgsql does not take: ")]
    [InlineData("Username=u;Password=s3cr3tpw", "Cluster:Postgres names no Host: ")]
    public void A_cluster_connection_string_npgsql_cannot_read_fails_validation_naming_the_setting_without_its_password(string connectionString, string said)
    {
        var options = new ClusterOptions { Mode = "cluster", Postgres = connectionString, AdvertisedAddress = "http://127.0.0.1:5613" };

        var result = new ClusterOptionsValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures ?? []);
        Assert.StartsWith(said, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3tpw", failure, StringComparison.Ordinal);
    }

    /// <summary>
    /// After a PostgreSQL restart every idle connection of a pool is dead. The first command to take one fails (a
    /// transient failure: a 503 with Retry-After, a failed work item attempt), and Npgsql, breaking that connection,
    /// clears the pool (NpgsqlConnector.Break calls the data source's Clear): the other dead connections are closed
    /// at once and fail no later command.
    /// </summary>
    [Fact]
    public async Task Once_a_command_finds_its_backend_terminated_the_pools_other_dead_connections_fail_no_later_command()
    {
        var connectionString = await PostgresTestSchema.CreateAsync("pool_");
        try
        {
            await using var dataSource = PostgresDataSources.Create(connectionString);
            await TerminateAsync(connectionString, await WarmAsync(dataSource));

            var first = await Assert.ThrowsAnyAsync<NpgsqlException>(() => SelectOneAsync(dataSource));
            Assert.NotNull(StorageUnavailableException.TransientCause(first));
            for (var i = 1; i < PooledConnections; i++)
            {
                await SelectOneAsync(dataSource);
            }
        }
        finally
        {
            await PostgresTestSchema.DropAsync(connectionString);
        }
    }

    private static async Task SelectOneAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT 1");
        Assert.Equal(1, await command.ExecuteScalarAsync());
    }

    /// <summary>Opens <see cref="PooledConnections"/> connections at once and returns them to the pool: their backends' process ids.</summary>
    private static async Task<int[]> WarmAsync(NpgsqlDataSource dataSource)
    {
        var connections = await Task.WhenAll(Enumerable.Range(0, PooledConnections).Select(_ => dataSource.OpenConnectionAsync().AsTask()));
        var backends = connections.Select(c => c.ProcessID).ToArray();
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        Assert.Equal(PooledConnections, backends.Distinct().Count());
        return backends;
    }

    /// <summary>Terminates <paramref name="backends"/> from a connection of its own and waits until each has exited.</summary>
    private static async Task TerminateAsync(string connectionString, int[] backends)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM unnest($1) AS pid", admin);
        command.Parameters.Add(new NpgsqlParameter { Value = backends });
        Assert.Equal((long)backends.Length, await command.ExecuteScalarAsync());
    }
}
