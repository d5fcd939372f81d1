using SampleMind.TestSupport;
using Npgsql;
using SampleMind.Scheduling.Postgres;
using SampleMind.Scheduling.Sqlite;
using SampleMind.Scheduling.Storage;

namespace SampleMind.Scheduling.Tests.Infrastructure;

/// <summary>
/// A private store for one test: a fresh SQLite file, or a fresh schema on the test PostgreSQL
/// server (SAMPLEMIND_TEST_POSTGRES). Queues made from it share its data; all are disposed with it.
/// </summary>
public sealed class QueueStore : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string PostgresVariable = "SAMPLEMIND_TEST_POSTGRES";

    private readonly List<SqlWorkQueue> _queues = [];
    private readonly string _provider;
    private readonly string _connectionString;
    private readonly string? _cleanup;

    private QueueStore(string provider, string connectionString, string? cleanup)
    {
        _provider = provider;
        _connectionString = connectionString;
        _cleanup = cleanup;
    }

    public ManualTimeProvider Time { get; } = new();

    /// <summary>The connection string the store's queues use (PostgreSQL: with the store's schema as search path).</summary>
    public string ConnectionString => _connectionString;

    public static async Task<QueueStore> CreateAsync(string provider)
    {
        if (provider == Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "samplemind-queue-" + Guid.NewGuid().ToString("N"));
            return new QueueStore(provider, Path.Combine(directory, "work.db"), directory);
        }

        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set: the PostgreSQL queue tests need a server. Run scripts/test.sh, " +
                "or `source scripts/postgres-test-server.sh` in the shell that runs dotnet test.");
        }

        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, MaxPoolSize = 20 };
        return new QueueStore(provider, builder.ConnectionString, schema);
    }

    /// <summary>A queue over this store, on the store's manual clock unless told otherwise, logging to <paramref name="log"/> if given.</summary>
    public SqlWorkQueue NewQueue(Action<WorkQueueOptions>? configure = null, TimeProvider? time = null, LogCapture? log = null)
    {
        var options = new WorkQueueOptions
        {
            Provider = _provider,
            ConnectionString = _connectionString,
            RetryBackoff = TimeSpan.FromSeconds(10),
            MaxRetryBackoff = TimeSpan.FromMinutes(1),
        };
        configure?.Invoke(options);
        SqlWorkQueue queue = _provider == Sqlite
            ? new SqliteWorkQueue(options, time ?? Time, log?.For<SqliteWorkQueue>())
            : new PostgresWorkQueue(options, time ?? Time, log?.For<PostgresWorkQueue>());
        _queues.Add(queue);
        return queue;
    }

    /// <summary>Runs one SQL statement on the store (outside any queue), e.g. to shape an older schema.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs one query on the store (outside any queue) and returns its single value.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<System.Data.Common.DbConnection> OpenAsync()
    {
        System.Data.Common.DbConnection connection = _provider == Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = _connectionString }.ConnectionString)
            : new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _queues)
        {
            await queue.DisposeAsync();
        }

        if (_cleanup is null)
        {
            return;
        }

        if (_provider == Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_cleanup, recursive: true);
            return;
        }

        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA {_cleanup} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
