using Microsoft.Data.Sqlite;

namespace SampleMind.Runtime.Storage;

/// <summary>
/// Grain state in one SQLite file (WAL mode), table
/// <c>grain_state(grain_type, grain_key, state_name, etag, payload, updated_at)</c>. Writes and clears
/// go through the file's <see cref="SqliteGroupCommit"/> writer (concurrent writes commit together);
/// each is a conditional statement inside its own savepoint, so the ETag check and the write are atomic
/// and a stale write fails alone. Reads (a grain's activation) run on the writer's connection too, in
/// turn with the writes: its page cache stays valid across its own commits, where a pooled reader's is
/// voided by every commit and has to read its B-tree path from the file again (several <c>pread</c>s per
/// activation while an ingest writes).
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The state table: a rowid table with its key in a unique index. A grain's state is often a few KiB (a sample's
    /// record is 3–4 KiB of JSON); a rowid table keeps that in its leaf page, where the WITHOUT ROWID layout this table
    /// had before spilled all but about 1 KiB of it to overflow pages and, on every key search that compared against
    /// such a row, read the row's whole payload back from disk.
    /// </summary>
    private static string CreateTableSql(string name) => $"""
        CREATE TABLE IF NOT EXISTS {name} (
            grain_type TEXT NOT NULL,
            grain_key  TEXT NOT NULL,
            state_name TEXT NOT NULL,
            etag       TEXT NOT NULL,
            payload    BLOB NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name))
        """;

    /// <summary>Copies a grain_state table of the earlier WITHOUT ROWID layout into the current one (inside a transaction).</summary>
    private static readonly string s_migrateSql = $"""
        {CreateTableSql("grain_state_rowid")};
        INSERT INTO grain_state_rowid (grain_type, grain_key, state_name, etag, payload, updated_at)
            SELECT grain_type, grain_key, state_name, etag, payload, updated_at FROM grain_state;
        DROP TABLE grain_state;
        ALTER TABLE grain_state_rowid RENAME TO grain_state;
        """;

    private const string TableDefinitionSql = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'grain_state'";

    private const string InsertSql =
        "INSERT INTO grain_state (grain_type, grain_key, state_name, etag, payload, updated_at) VALUES ($t, $k, $s, $new, $p, $now) ON CONFLICT DO NOTHING";

    private const string UpdateSql =
        "UPDATE grain_state SET etag = $new, payload = $p, updated_at = $now WHERE grain_type = $t AND grain_key = $k AND state_name = $s AND etag = $old";

    private const string DeleteSql = "DELETE FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $s AND etag = $old";

    private const string ReadSql = "SELECT payload, etag FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $s";

    private const string EtagSql = "SELECT etag FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $s";

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly Lazy<Task> _schema;
    private readonly SqliteGroupCommit _writer;

    /// <summary>Storage in <paramref name="databasePath"/> (created when missing).</summary>
    public SqliteGrainStorage(string databasePath, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _schema = new Lazy<Task>(() => CreateSchemaAsync(databasePath));
        _writer = SqliteGroupCommit.Open(_connectionString);
    }

    public async Task<GrainStateRecord?> ReadAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken)
    {
        await _schema.Value;
        return await _writer.WriteAsync(new StateKey(grainType, grainKey, stateName), static (scope, key) => Read(scope, key), cancellationToken);
    }

    public async Task<string> WriteAsync(string grainType, string grainKey, string stateName, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        await _schema.Value;
        var write = new StateWrite(grainType, grainKey, stateName, expectedEtag, EtagConflict.NewEtag(), payload.ToArray(),
            _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return await _writer.WriteAsync(write, static (scope, w) => Write(scope, w), cancellationToken);
    }

    public async Task ClearAsync(string grainType, string grainKey, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        await _schema.Value;
        var clear = new StateWrite(grainType, grainKey, stateName, expectedEtag, "", [], "");
        await _writer.WriteAsync(clear, static (scope, c) => Clear(scope, c), cancellationToken);
    }

    /// <summary>Creates the table (or moves an older layout's rows) now; a damaged file throws its <see cref="SqliteException"/>.</summary>
    public Task OpenAsync(CancellationToken cancellationToken) => _schema.Value.WaitAsync(cancellationToken);

    /// <summary>Drains the writer (committing what was submitted) and closes its connection.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>As <see cref="DisposeAsync"/>, blocking until the writer has drained.</summary>
    public void Dispose() => _writer.Dispose();

    private static string Write(SqliteWriteScope scope, StateWrite write)
    {
        var command = Command(scope, write.ExpectedEtag is null ? InsertSql : UpdateSql, write);
        command.Parameters.AddWithValue("$new", write.NewEtag);
        command.Parameters.AddWithValue("$p", write.Payload);
        command.Parameters.AddWithValue("$now", write.Now);
        if (write.ExpectedEtag is not null)
        {
            command.Parameters.AddWithValue("$old", write.ExpectedEtag);
        }

        if (command.ExecuteNonQuery() == 0)
        {
            throw EtagConflict.Create("write", write.GrainType, write.GrainKey, write.StateName, StoredEtag(scope, write), write.ExpectedEtag);
        }

        return write.NewEtag;
    }

    private static bool Clear(SqliteWriteScope scope, StateWrite clear)
    {
        if (clear.ExpectedEtag is null)
        {
            var stored = StoredEtag(scope, clear);
            return stored is null ? true : throw EtagConflict.Create("clear", clear.GrainType, clear.GrainKey, clear.StateName, stored, null);
        }

        var command = Command(scope, DeleteSql, clear);
        command.Parameters.AddWithValue("$old", clear.ExpectedEtag);
        if (command.ExecuteNonQuery() == 0)
        {
            throw EtagConflict.Create("clear", clear.GrainType, clear.GrainKey, clear.StateName, StoredEtag(scope, clear), clear.ExpectedEtag);
        }

        return true;
    }

    private static GrainStateRecord? Read(SqliteWriteScope scope, StateKey key)
    {
        using var reader = Command(scope, ReadSql, key.GrainType, key.GrainKey, key.StateName).ExecuteReader();
        return reader.Read() ? new GrainStateRecord((byte[])reader.GetValue(0), reader.GetString(1)) : null;
    }

    private static string? StoredEtag(SqliteWriteScope scope, StateWrite write) =>
        Command(scope, EtagSql, write).ExecuteScalar() as string;

    private static SqliteCommand Command(SqliteWriteScope scope, string sql, StateWrite write) =>
        Command(scope, sql, write.GrainType, write.GrainKey, write.StateName);

    private static SqliteCommand Command(SqliteWriteScope scope, string sql, string grainType, string grainKey, string stateName)
    {
        var command = scope.Command(sql);
        command.Parameters.AddWithValue("$t", grainType);
        command.Parameters.AddWithValue("$k", grainKey);
        command.Parameters.AddWithValue("$s", stateName);
        return command;
    }

    private async Task CreateSchemaAsync(string databasePath)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(databasePath)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await SqliteConnections.OpenAsync(_connectionString, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; " + CreateTableSql("grain_state");
        await command.ExecuteNonQueryAsync();
        command.CommandText = TableDefinitionSql;
        if (!IsWithoutRowid(await command.ExecuteScalarAsync()))
        {
            return;
        }

        // A file written before the change: migrated once, atomically; the check is repeated under the write lock in
        // case another connection migrated it meanwhile.
        await using var transaction = connection.BeginTransaction(deferred: false);
        command.Transaction = transaction;
        command.CommandText = TableDefinitionSql;
        if (IsWithoutRowid(await command.ExecuteScalarAsync()))
        {
            command.CommandText = s_migrateSql;
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static bool IsWithoutRowid(object? tableSql) =>
        tableSql is string sql && sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase);

    /// <summary>The key of a read.</summary>
    private sealed record StateKey(string GrainType, string GrainKey, string StateName);

    /// <summary>A write or clear, prepared off the writer loop.</summary>
    private sealed record StateWrite(
        string GrainType, string GrainKey, string StateName, string? ExpectedEtag, string NewEtag, byte[] Payload, string Now);
}
