using Npgsql;

namespace SampleMind.TestSupport;

/// <summary>
/// Fresh schemas on the PostgreSQL test server named by <c>SAMPLEMIND_TEST_POSTGRES</c> (scripts/test.sh
/// starts one). Each test gets its own schema as the connection's search path.
/// </summary>
public static class PostgresTestSchema
{
    /// <summary>The environment variable holding the test server's Npgsql connection string.</summary>
    public const string Variable = "SAMPLEMIND_TEST_POSTGRES";

    /// <summary>Creates an empty schema and returns a connection string whose search path is it.</summary>
    public static async Task<string> CreateAsync(string prefix = "t_")
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: this test needs a PostgreSQL server. Run scripts/test.sh, " +
                "or `source scripts/postgres-test-server.sh` in the shell that runs dotnet test.");
        }

        var schema = prefix + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Drops the schema a connection string from <see cref="CreateAsync"/> points at, with everything in it.</summary>
    public static async Task DropAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var schema = builder.SearchPath ?? throw new ArgumentException("The connection string names no schema.", nameof(connectionString));
        builder.SearchPath = null;
        builder.Pooling = false;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
