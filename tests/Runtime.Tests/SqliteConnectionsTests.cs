using Microsoft.Data.Sqlite;
using SampleMind.Runtime.Storage;
using SampleMind.Runtime.Tests.Support;

namespace SampleMind.Runtime.Tests;

public sealed class SqliteConnectionsTests : IDisposable
{
    private readonly string _directory = TestSilo.NewDataDirectory();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TestSilo.DeleteDirectory(_directory);
    }

    [Fact]
    public async Task Opened_connections_wait_for_a_busy_database_inside_sqlite()
    {
        await using var connection = await SqliteConnections.OpenAsync(ConnectionString("busy.db"), CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";

        Assert.Equal((long)SqliteConnections.BusyTimeoutMilliseconds, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_settings_run_once_per_physical_connection_not_at_every_pooled_open()
    {
        var connectionString = ConnectionString("pooled.db");
        SQLitePCL.sqlite3 handle;
        await using (var first = await SqliteConnections.OpenAsync(connectionString, CancellationToken.None))
        {
            handle = first.Handle!;
            await using var change = first.CreateCommand();
            change.CommandText = "PRAGMA busy_timeout = 5;";
            await change.ExecuteNonQueryAsync();
        }

        // The pool hands the same native connection back: its own setting stands, the set-up did not run again.
        await using (var again = await SqliteConnections.OpenAsync(connectionString, CancellationToken.None))
        {
            Assert.Same(handle, again.Handle);
            Assert.Equal(5L, await ScalarAsync(again, "PRAGMA busy_timeout;"));
        }

        SqliteConnection.ClearPool(new SqliteConnection(connectionString));
        await using var fresh = await SqliteConnections.OpenAsync(connectionString, CancellationToken.None);
        Assert.NotSame(handle, fresh.Handle);
        Assert.Equal((long)SqliteConnections.BusyTimeoutMilliseconds, await ScalarAsync(fresh, "PRAGMA busy_timeout;"));
        Assert.Equal(1L, await ScalarAsync(fresh, "PRAGMA synchronous;"));
    }

    [Fact]
    public async Task A_statement_kept_prepared_is_not_compiled_again_when_its_limit_is_bound_again()
    {
        await using var connection = await SqliteConnections.OpenAsync(ConnectionString("qpsg.db"), CancellationToken.None);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE items (id INTEGER PRIMARY KEY, rank INTEGER); INSERT INTO items (rank) VALUES (3), (1), (2);";
            await create.ExecuteNonQueryAsync();
        }

        Assert.Equal(0, SQLitePCL.raw.sqlite3_db_config(connection.Handle!, SqliteConnectionSetup.EnableQpsg, -1, out var qpsg));
        Assert.Equal(1, qpsg);
        Assert.Equal(2L, await ScalarAsync(connection, "PRAGMA temp_store;"));

        // The queue's claims bind their LIMIT: without the planner's stability guarantee each new binding expires the
        // statement and the next step compiles it again (SQLITE_STMTSTATUS_REPREPARE counts that).
        Assert.Equal(0, SQLitePCL.raw.sqlite3_prepare_v2(connection.Handle, "SELECT id FROM items ORDER BY rank LIMIT ?1", out var statement));
        try
        {
            var firsts = new List<long>();
            foreach (var limit in new[] { 1, 2, 3 })
            {
                Assert.Equal(0, SQLitePCL.raw.sqlite3_bind_int(statement, 1, limit));
                var rows = 0;
                while (SQLitePCL.raw.sqlite3_step(statement) == SQLitePCL.raw.SQLITE_ROW)
                {
                    if (rows++ == 0)
                    {
                        firsts.Add(SQLitePCL.raw.sqlite3_column_int64(statement, 0));
                    }
                }

                Assert.Equal(limit, rows);
                SQLitePCL.raw.sqlite3_reset(statement);
            }

            Assert.Equal([2L, 2L, 2L], firsts);
            Assert.Equal(0, SQLitePCL.raw.sqlite3_stmt_status(statement, 5 /* SQLITE_STMTSTATUS_REPREPARE */, 0));
        }
        finally
        {
            SQLitePCL.raw.sqlite3_finalize(statement);
        }
    }

    [Fact]
    public async Task A_grain_write_that_meets_another_writer_lands_once_the_lock_is_released()
    {
        var path = Path.Combine(_directory, "samplemind.db");
        await using var storage = new SqliteGrainStorage(path, TimeProvider.System);
        var etag = await storage.WriteAsync("test-counter", "contended", "counter", new byte[] { 0x7b, 0x7d }, null, CancellationToken.None);

        // Another connection holds the write lock (BEGIN IMMEDIATE) while the storage writes.
        await using var holder = await SqliteConnections.OpenAsync(ConnectionString("samplemind.db"), CancellationToken.None);
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE; UPDATE grain_state SET updated_at = updated_at;";
            await begin.ExecuteNonQueryAsync();
        }

        var write = Task.Run(() => storage.WriteAsync("test-counter", "contended", "counter", "{\"Value\":2}"u8.ToArray(), etag, CancellationToken.None));
        await using (var commit = holder.CreateCommand())
        {
            commit.CommandText = "COMMIT;";
            await commit.ExecuteNonQueryAsync();
        }

        var written = await write;

        var stored = await storage.ReadAsync("test-counter", "contended", "counter", CancellationToken.None);
        Assert.Equal(written, stored!.Etag);
        Assert.Equal("{\"Value\":2}"u8.ToArray(), stored.Payload.ToArray());
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private string ConnectionString(string file) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, file), Pooling = true }.ToString();
}
