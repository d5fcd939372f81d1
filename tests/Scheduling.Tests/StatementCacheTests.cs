using Microsoft.Data.Sqlite;
using SampleMind.Runtime.Storage;
using SampleMind.Scheduling.Storage;

namespace SampleMind.Scheduling.Tests;

/// <summary>The SQLite queue's write connection keeps its statements prepared through <see cref="StatementCache"/>.</summary>
public sealed class StatementCacheTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly StatementCache _cache = new();

    public async Task InitializeAsync()
    {
        await _connection.OpenAsync();
        await using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (v INTEGER)";
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        _cache.Dispose();
        await _connection.DisposeAsync();
    }

    [Fact]
    public async Task A_disposed_command_comes_back_with_its_statement_kept_and_its_parameters_cleared()
    {
        for (var value = 1; value <= 3; value++)
        {
            await using var transaction = await _connection.BeginTransactionAsync();
            await using (var insert = _cache.Rent(_connection, transaction, "INSERT INTO t (v) VALUES (@v)"))
            {
                Assert.Empty(insert.Parameters);
                insert.With("@v", value);
                Assert.Equal(1, await insert.ExecuteNonQueryAsync());
            }

            await transaction.CommitAsync();
        }

        await using var sum = _cache.Rent(_connection, null!, "SELECT SUM(v) FROM t");
        Assert.Equal(6L, await sum.ExecuteScalarAsync());
        Assert.Equal(2, _cache.Count);
    }

    [Fact]
    public async Task A_cached_commands_sql_cannot_be_changed_and_the_cache_starts_again_when_full()
    {
        await using var command = _cache.Rent(_connection, null!, "SELECT 1");
        Assert.Throws<InvalidOperationException>(() => command.CommandText = "SELECT 2");
        command.CommandText = "SELECT 1";
        Assert.Equal(1L, await command.ExecuteScalarAsync());

        for (var i = 2; i <= StatementCache.MaxStatements; i++)
        {
            await using var other = _cache.Rent(_connection, null!, $"SELECT {i}");
        }

        Assert.Equal(StatementCache.MaxStatements, _cache.Count);
        await using var past = _cache.Rent(_connection, null!, "SELECT 0");
        Assert.Equal(1, _cache.Count);
        Assert.Equal(0L, await past.ExecuteScalarAsync());
    }
}
