using Npgsql;
using SampleMind.Runtime.Storage;

namespace SampleMind.Runtime.Tests;

public sealed class PostgresDataSourcesTests
{
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
}
