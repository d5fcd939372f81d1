using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SampleMind.Runtime.Storage;
using SampleMind.Scheduling.Storage;

namespace SampleMind.Scheduling.Sqlite;

/// <summary>
/// The embedded-mode queue: one SQLite file in WAL mode, used by one process. Writes are serialized
/// by an in-process lock and run as <c>BEGIN IMMEDIATE</c> transactions on one long-lived connection;
/// reads run beside them on pooled connections.
/// </summary>
public sealed class SqliteWorkQueue : SqlWorkQueue
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>The connection every write transaction runs on, opened at the first write; guarded by <see cref="_writer"/>.</summary>
    private SqliteConnection? _writeConnection;

    /// <summary>The write connection's prepared statements, kept across transactions; guarded by <see cref="_writer"/>.</summary>
    private readonly StatementCache _statements = new();

    /// <summary>Creates the queue over <see cref="WorkQueueOptions.ConnectionString"/> (a path or "Data Source=...").</summary>
    public SqliteWorkQueue(WorkQueueOptions options, TimeProvider? timeProvider = null, ILogger<SqliteWorkQueue>? logger = null)
        : base(options, timeProvider ?? TimeProvider.System, logger ?? NullLogger<SqliteWorkQueue>.Instance)
    {
        _connectionString = BuildConnectionString(options.ConnectionString);
    }

    private protected override string ProviderName => WorkQueueOptions.SqliteProvider;

    private protected override string ForUpdate => string.Empty;

    private protected override string ForShare => string.Empty;

    private protected override string ForUpdateSkipLocked => string.Empty;

    private protected override async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(new SqliteConnectionStringBuilder(_connectionString).DataSource);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = SqliteSchema.Script;
            await command.ExecuteNonQueryAsync(cancellationToken);
            await MigrateAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Brings a database file made by an earlier version up to date, inside the schema transaction.</summary>
    private static async Task MigrateAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteSchema.HasTraceParent;
        if (await command.ExecuteScalarAsync(cancellationToken) is long and > 0)
        {
            return;
        }

        command.CommandText = SqliteSchema.AddTraceParent;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private protected override async Task<SqlScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            _writeConnection ??= await OpenAsync(cancellationToken);
            // Not deferred: Microsoft.Data.Sqlite issues BEGIN IMMEDIATE, taking the write lock up front.
            var transaction = _writeConnection.BeginTransaction(deferred: false);
            return new SqlScope(_writeConnection, transaction, () => _writer.Release(), ownsConnection: false, _statements);
        }
        catch
        {
            // A connection that could not begin a transaction is not trusted with the next one.
            if (_writeConnection is not null)
            {
                _statements.Dispose();
                await _writeConnection.DisposeAsync();
                _writeConnection = null;
            }

            _writer.Release();
            throw;
        }
    }

    private protected override async Task<SqlScope> BeginReadAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        var transaction = connection.BeginTransaction(deferred: true);
        return new SqlScope(connection, transaction, null);
    }

    private protected override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 };

    private protected override async Task<IReadOnlyDictionary<LaneKey, int>> InsertItemsAsync(
        SqlScope scope, WorkJob job, IReadOnlyList<WorkItemRequest> items, int state, string? error, long now, string? traceParent,
        CancellationToken cancellationToken)
    {
        await using var command = scope.Command("""
            INSERT INTO work_items (job_id, item_key, kind, role, priority, payload, state, available_at, enqueued_at, trace_parent,
                error, completed_at)
            VALUES (@job, @key, @kind, @role, @priority, @payload, @state, @now, @now, @trace, @error, @completed)
            ON CONFLICT (job_id, item_key) DO NOTHING
            """);
        command.With("@job", job.JobId).With("@state", state).With("@now", now).With("@trace", traceParent)
            .With("@error", error).With("@completed", error is null ? null : now);
        var key = command.With("@key", null).Parameters["@key"];
        var kind = command.With("@kind", null).Parameters["@kind"];
        var role = command.With("@role", null).Parameters["@role"];
        var priority = command.With("@priority", null).Parameters["@priority"];
        var payload = command.With("@payload", null).Parameters["@payload"];
        var perLane = new Dictionary<LaneKey, int>();
        foreach (var item in items)
        {
            var effective = item.Priority ?? job.Priority;
            key.Value = item.ItemKey;
            kind.Value = item.Kind;
            role.Value = item.RequiredRole;
            priority.Value = effective;
            payload.Value = item.Payload;
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                var lane = new LaneKey(job.JobId, item.RequiredRole, effective);
                perLane[lane] = perLane.GetValueOrDefault(lane) + 1;
            }
        }

        return perLane;
    }

    private protected override async Task<IReadOnlyDictionary<LaneKey, int>> CancelPendingItemsAsync(
        SqlScope scope, string jobId, long now, int limit, CancellationToken cancellationToken)
    {
        await using var command = scope.Command("""
            UPDATE work_items SET state = 4, completed_at = @now
            WHERE id IN (SELECT id FROM work_items WHERE job_id = @job AND state = 0 ORDER BY id LIMIT @limit)
            RETURNING role, priority
            """).With("@now", now).With("@job", jobId).With("@limit", limit);
        var perLane = new Dictionary<LaneKey, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var lane = new LaneKey(jobId, reader.GetString(0), reader.GetInt32(1));
            perLane[lane] = perLane.GetValueOrDefault(lane) + 1;
        }

        return perLane;
    }

    private protected override async ValueTask DisposeCoreAsync()
    {
        await _writer.WaitAsync();
        try
        {
            if (_writeConnection is not null)
            {
                _statements.Dispose();
                await _writeConnection.DisposeAsync();
                _writeConnection = null;
            }
        }
        finally
        {
            _writer.Release();
        }

        _writer.Dispose();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await SqliteConnectionSetup.ApplyOnceAsync(connection, "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string BuildConnectionString(string pathOrConnectionString)
    {
        var builder = pathOrConnectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(pathOrConnectionString)
            : new SqliteConnectionStringBuilder { DataSource = pathOrConnectionString };
        builder.Pooling = true;
        return builder.ToString();
    }
}
