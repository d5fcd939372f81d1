using Microsoft.Data.Sqlite;

namespace SampleMind.Runtime.Storage;

/// <summary>
/// Grain state in one SQLite file (WAL mode), table
/// <c>grain_state(grain_type, grain_key, state_name, etag, payload, updated_at)</c>. Writes are single
/// conditional statements, so the ETag check and the write are atomic.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_key  TEXT NOT NULL,
            state_name TEXT NOT NULL,
            etag       TEXT NOT NULL,
            payload    BLOB NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        ) WITHOUT ROWID;
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly Lazy<Task> _schema;

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
    }

    public async Task<GrainStateRecord?> ReadAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT payload, etag FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $s",
            grainType, grainKey, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new GrainStateRecord((byte[])reader.GetValue(0), reader.GetString(1));
    }

    public async Task<string> WriteAsync(string grainType, string grainKey, string stateName, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        var etag = EtagConflict.NewEtag();
        await using var connection = await OpenAsync(cancellationToken);
        var sql = expectedEtag is null
            ? "INSERT INTO grain_state (grain_type, grain_key, state_name, etag, payload, updated_at) VALUES ($t, $k, $s, $new, $p, $now) ON CONFLICT DO NOTHING"
            : "UPDATE grain_state SET etag = $new, payload = $p, updated_at = $now WHERE grain_type = $t AND grain_key = $k AND state_name = $s AND etag = $old";
        await using var command = Command(connection, sql, grainType, grainKey, stateName);
        command.Parameters.AddWithValue("$new", etag);
        command.Parameters.AddWithValue("$p", payload.ToArray());
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$old", (object?)expectedEtag ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            var stored = await StoredEtagAsync(connection, grainType, grainKey, stateName, cancellationToken);
            throw EtagConflict.Create("write", grainType, grainKey, stateName, stored, expectedEtag);
        }

        return etag;
    }

    public async Task ClearAsync(string grainType, string grainKey, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (expectedEtag is null)
        {
            var stored = await StoredEtagAsync(connection, grainType, grainKey, stateName, cancellationToken);
            if (stored is not null)
            {
                throw EtagConflict.Create("clear", grainType, grainKey, stateName, stored, expectedEtag);
            }

            return;
        }

        await using var command = Command(connection, "DELETE FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $s AND etag = $old",
            grainType, grainKey, stateName);
        command.Parameters.AddWithValue("$old", expectedEtag);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            var stored = await StoredEtagAsync(connection, grainType, grainKey, stateName, cancellationToken);
            throw EtagConflict.Create("clear", grainType, grainKey, stateName, stored, expectedEtag);
        }
    }

    private static async Task<string?> StoredEtagAsync(SqliteConnection connection, string grainType, string grainKey, string stateName, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT etag FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $s",
            grainType, grainKey, stateName);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string grainType, string grainKey, string stateName)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$t", grainType);
        command.Parameters.AddWithValue("$k", grainKey);
        command.Parameters.AddWithValue("$s", stateName);
        return command;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _schema.Value;
        return await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
    }

    private async Task CreateSchemaAsync(string databasePath)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(databasePath)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await SqliteConnections.OpenAsync(_connectionString, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync();
    }
}
