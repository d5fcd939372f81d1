using System.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SampleMind.Runtime.Storage;
using SampleMind.Scheduling.Storage;

namespace SampleMind.Scheduling.Postgres;

/// <summary>
/// The cluster-mode queue on PostgreSQL, shared by many processes: claims lock items with
/// <c>FOR UPDATE SKIP LOCKED</c>, so concurrent claimers never take the same item nor wait on each
/// other's items; every state change and its counters commit in one READ COMMITTED transaction.
/// The tables live in the connection's search path.
/// </summary>
public sealed class PostgresWorkQueue : SqlWorkQueue
{
    /// <summary>Items per INSERT statement when enqueuing.</summary>
    private const int InsertChunk = 5000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _channel;
    private readonly CancellationTokenSource _stopListening = new();
    private Task _listening = Task.CompletedTask;

    /// <summary>How long the listener waits for a notification before it looks whether the queue is stopping.</summary>
    internal static readonly TimeSpan ListenerWakeInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long disposal waits for the listener to end before it leaves it (and logs that it did).</summary>
    internal static readonly TimeSpan ListenerStopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Creates the queue over <see cref="WorkQueueOptions.ConnectionString"/> (an Npgsql connection string).</summary>
    public PostgresWorkQueue(WorkQueueOptions options, TimeProvider? timeProvider = null, ILogger<PostgresWorkQueue>? logger = null)
        : base(options, timeProvider ?? TimeProvider.System, logger ?? NullLogger<PostgresWorkQueue>.Instance)
    {
        _dataSource = PostgresDataSources.Create(options.ConnectionString);
        _channel = ArrivalsChannel(new NpgsqlConnectionStringBuilder(options.ConnectionString));
    }

    /// <summary>
    /// The NOTIFY channel of the queue in this database and search path (channels are database-wide; queues in other
    /// schemas of the same database do not wake each other): "samplemind_work_" and 16 hex digits of a hash.
    /// </summary>
    internal static string ArrivalsChannel(NpgsqlConnectionStringBuilder connection)
    {
        var scope = $"{connection.Host}\n{connection.Port}\n{connection.Database}\n{connection.SearchPath ?? "public"}";
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(scope));
        return "samplemind_work_" + Convert.ToHexStringLower(digest.AsSpan(0, 8));
    }

    private protected override void WatchArrivals() => _listening = ListenAsync(_stopListening.Token);

    private protected override async Task AnnounceToOtherProcessesAsync()
    {
        await using var command = _dataSource.CreateCommand($"NOTIFY {_channel}");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Ends the listener's wait at once with a NOTIFY on its channel (other processes' idle workers make one claim each).</summary>
    private async Task WakeListenerAsync()
    {
        try
        {
            using var bound = new CancellationTokenSource(ListenerStopTimeout);
            await using var command = _dataSource.CreateCommand($"NOTIFY {_channel}");
            await command.ExecuteNonQueryAsync(bound.Token);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or OperationCanceledException)
        {
            // The listener sees the stop at its next bounded wait instead.
            Diagnostics.SchedulingLog.ArrivalsListenFailed(Logger, ex, _channel);
        }
    }

    /// <summary>LISTENs on the queue's channel and pulses <see cref="SqlWorkQueue.Arrivals"/> per notification; reconnects after a failure.</summary>
    private async Task ListenAsync(CancellationToken stopping)
    {
        await Task.Yield();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stopping);
                connection.Notification += (_, _) => Arrivals.Pulse();
                await using (var listen = new NpgsqlCommand($"LISTEN {_channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                // Whatever was announced while nobody listened is found by this pulse's claim.
                Arrivals.Pulse();

                // The wait is bounded instead of cancelled: cancelling NpgsqlConnection.WaitAsync through its token
                // can deadlock (npgsql/npgsql#5975), and the queue's disposal then never returns. Disposal wakes this
                // wait with a NOTIFY; the bound is the fallback when that NOTIFY cannot be sent.
                while (!stopping.IsCancellationRequested)
                {
                    await connection.WaitAsync(ListenerWakeInterval, CancellationToken.None);
                }

                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                Diagnostics.SchedulingLog.ArrivalsListenFailed(Logger, ex, _channel);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), Time, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private protected override string ProviderName => WorkQueueOptions.PostgresProvider;

    private protected override string ForUpdate => " FOR UPDATE";

    private protected override string ForShare => " FOR SHARE";

    private protected override string ForUpdateSkipLocked => " FOR UPDATE SKIP LOCKED";

    private protected override async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // DDL on tables in use (even CREATE INDEX IF NOT EXISTS) takes share locks that can deadlock
        // with running claims: when the last object of the script exists, the whole script ran.
        if (await SchemaExistsAsync(connection, cancellationToken))
        {
            await MigrateAsync(connection, cancellationToken);
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT pg_advisory_xact_lock({PostgresSchema.SchemaLockKey});\n{PostgresSchema.Script}", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Brings a database made by an earlier version up to date (each step once, under the schema lock).</summary>
    private static async Task MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var check = new NpgsqlCommand(PostgresSchema.HasTraceParent, connection))
        {
            if (await check.ExecuteScalarAsync(cancellationToken) is true)
            {
                return;
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT pg_advisory_xact_lock({PostgresSchema.SchemaLockKey});\n{PostgresSchema.AddTraceParent}", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<bool> SchemaExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT to_regclass('{PostgresSchema.LastObject}') IS NOT NULL", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private protected override async Task<SqlScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            return new SqlScope(connection, transaction, null);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private protected override async Task<SqlScope> BeginReadAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            return new SqlScope(connection, transaction, null);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private protected override bool IsTransient(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    private protected override async Task<IReadOnlyDictionary<LaneKey, int>> InsertItemsAsync(
        SqlScope scope, WorkJob job, IReadOnlyList<WorkItemRequest> items, int state, string? error, long now, string? traceParent,
        CancellationToken cancellationToken)
    {
        var perLane = new Dictionary<LaneKey, int>();
        for (var start = 0; start < items.Count; start += InsertChunk)
        {
            var count = Math.Min(InsertChunk, items.Count - start);
            var keys = new string[count];
            var kinds = new string[count];
            var roles = new string[count];
            var priorities = new int[count];
            var payloads = new string[count];
            for (var i = 0; i < count; i++)
            {
                var item = items[start + i];
                (keys[i], kinds[i], roles[i], payloads[i]) = (item.ItemKey, item.Kind, item.RequiredRole, item.Payload);
                priorities[i] = item.Priority ?? job.Priority;
            }

            await using var command = scope.Command("""
                WITH inserted AS (
                    INSERT INTO work_items (job_id, item_key, kind, role, priority, payload, state, available_at, enqueued_at, trace_parent,
                        error, completed_at)
                    SELECT @job, t.key, t.kind, t.role, t.priority, t.payload, @state, @now, @now, CAST(@trace AS text),
                        CAST(@error AS text), CAST(@completed AS bigint)
                    FROM unnest(@keys, @kinds, @roles, @priorities, @payloads) AS t(key, kind, role, priority, payload)
                    ON CONFLICT (job_id, item_key) DO NOTHING
                    RETURNING role, priority)
                SELECT role, priority, COUNT(*) FROM inserted GROUP BY role, priority
                """)
                .With("@job", job.JobId).With("@state", state).With("@now", now).With("@keys", keys).With("@kinds", kinds)
                .With("@roles", roles).With("@priorities", priorities).With("@payloads", payloads).With("@trace", traceParent)
                .With("@error", error).With("@completed", error is null ? null : now);
            await ReadLaneCountsAsync(command, job.JobId, perLane, cancellationToken);
        }

        return perLane;
    }

    private protected override async Task<IReadOnlyDictionary<LaneKey, int>> CancelPendingItemsAsync(
        SqlScope scope, string jobId, long now, int limit, CancellationToken cancellationToken)
    {
        // Counted from the rows actually changed: a claim that began before the job was cancelled may hold some of them.
        await using var command = scope.Command("""
            WITH cancelled AS (
                UPDATE work_items SET state = 4, completed_at = @now
                WHERE id IN (SELECT id FROM work_items WHERE job_id = @job AND state = 0 ORDER BY id LIMIT @limit FOR UPDATE)
                    AND state = 0
                RETURNING role, priority)
            SELECT role, priority, COUNT(*) FROM cancelled GROUP BY role, priority
            """).With("@now", now).With("@job", jobId).With("@limit", limit);
        var perLane = new Dictionary<LaneKey, int>();
        await ReadLaneCountsAsync(command, jobId, perLane, cancellationToken);
        return perLane;
    }

    private protected override async ValueTask DisposeCoreAsync()
    {
        await _stopListening.CancelAsync();
        if (!_listening.IsCompleted)
        {
            await WakeListenerAsync();
            try
            {
                await _listening.WaitAsync(ListenerStopTimeout);
            }
            catch (TimeoutException)
            {
                Diagnostics.SchedulingLog.ArrivalsListenerAbandoned(Logger, _channel, ListenerStopTimeout);
            }
        }

        _stopListening.Dispose();
        await _dataSource.DisposeAsync();
    }

    private static async Task ReadLaneCountsAsync(
        System.Data.Common.DbCommand command, string jobId, Dictionary<LaneKey, int> perLane, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var lane = new LaneKey(jobId, reader.GetString(0), reader.GetInt32(1));
            perLane[lane] = perLane.GetValueOrDefault(lane) + (int)reader.GetInt64(2);
        }
    }
}
