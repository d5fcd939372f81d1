using Npgsql;
using SampleMind.Runtime.Storage;

namespace SampleMind.Runtime.Tests;

public sealed class PostgresDataSourcesTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Database=sm", PostgresDataSources.DefaultMaxAutoPrepare)]
    [InlineData("Host=127.0.0.1;Database=sm;Max Auto Prepare=0", 0)]
    [InlineData("Host=127.0.0.1;Database=sm;MaxAutoPrepare=12", 12)]
    public void Statements_are_auto_prepared_unless_the_connection_string_says_otherwise(string connectionString, int expected)
    {
        var effective = new NpgsqlConnectionStringBuilder(PostgresDataSources.WithDefaults(connectionString));

        Assert.Equal(expected, effective.MaxAutoPrepare);
        Assert.Equal("sm", effective.Database);
    }
}
