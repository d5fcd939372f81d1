using Npgsql;
using NpgsqlTypes;
using SampleMind.Runtime.Cluster.Placement;

namespace SampleMind.Runtime.Cluster.Membership;

/// <summary>
/// The <c>silos</c> table. Every decision is one conditional statement: a heartbeat succeeds only
/// while the row is still active, and a silo is declared dead by exactly one updater (the row lock
/// and re-check of READ COMMITTED let one UPDATE … WHERE status = 'active' win). Each method runs
/// synchronously when <c>async</c> is false (<see cref="ControlSql"/>).
/// </summary>
internal sealed class MembershipTable(NpgsqlDataSource dataSource)
{
    /// <summary>How many membership events the table keeps (older ones are deleted when a silo joins).</summary>
    public const int EventsKept = 1000;

    /// <summary>
    /// Inserts this incarnation as active; earlier incarnations of the same silo id are dead by definition.
    /// Records a "joined" event, or "new-incarnation" when the silo id was a member before, and keeps
    /// only the latest <see cref="EventsKept"/> events.
    /// </summary>
    public async ValueTask JoinAsync(SiloEntry self, long incarnation, bool async, CancellationToken cancellationToken)
    {
        using var batch = dataSource.CreateBatch();
        var detail = $"{string.Join(",", self.Roles)} at {self.Address}";
        batch.BatchCommands.Add(Command(
            "INSERT INTO membership_events (silo_id, instance, kind, detail) " +
            "SELECT $1, $2, CASE WHEN p.instance IS NULL THEN 'joined' ELSE 'new-incarnation' END, " +
            "CASE WHEN p.instance IS NULL THEN $3 ELSE $3 || ', after ' || p.instance END " +
            "FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT instance FROM silos WHERE silo_id = $1 AND instance <> $2 ORDER BY incarnation DESC LIMIT 1) p ON true",
            self.SiloId, self.Instance, detail));
        batch.BatchCommands.Add(Command(
            "INSERT INTO silos (instance, silo_id, address, roles, status, heartbeat, started_at, incarnation) VALUES ($1, $2, $3, $4, 'active', now(), now(), $5)",
            self.Instance, self.SiloId, self.Address, self.Roles, incarnation));
        batch.BatchCommands.Add(Command("UPDATE silos SET status = 'dead' WHERE silo_id = $1 AND instance <> $2 AND status = 'active'", self.SiloId, self.Instance));
        // Silos joining at once trim the same old rows: SKIP LOCKED leaves a row another joiner is
        // deleting to that joiner instead of waiting on it (two such waits were a deadlock).
        batch.BatchCommands.Add(Command(
            "DELETE FROM membership_events WHERE id IN (SELECT id FROM membership_events " +
            "WHERE id <= (SELECT max(id) FROM membership_events) - $1 FOR UPDATE SKIP LOCKED)",
            (long)EventsKept));
        await ControlSql.ExecuteAsync(batch, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the heartbeat with this process's CPU and memory figures (null when they could not be
    /// read: the previous figures stay, with their older <c>stats_at</c>); false when this instance
    /// was declared dead (or left).
    /// </summary>
    public async ValueTask<bool> HeartbeatAsync(string instance, SiloUsage.Sample usage, bool async, CancellationToken cancellationToken)
    {
        using var command = dataSource.CreateCommand(
            "UPDATE silos SET heartbeat = now(), cpu_percent = COALESCE($2, cpu_percent), working_set_bytes = COALESCE($3, working_set_bytes), " +
            "stats_at = CASE WHEN $3 IS NULL THEN stats_at ELSE now() END WHERE instance = $1 AND status = 'active'");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = instance });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Double, Value = (object?)usage.CpuPercent ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)usage.WorkingSetBytes ?? DBNull.Value });
        return await ControlSql.ExecuteAsync(command, async, cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Declares dead every active silo silent for longer than <paramref name="timeout"/> and records a
    /// "declared-dead" event naming <paramref name="declaredBy"/>, in the same statement (so once per
    /// death); returns the instances this call declared.
    /// </summary>
    public async ValueTask<List<string>> DeclareDeadAsync(TimeSpan timeout, string declaredBy, bool async, CancellationToken cancellationToken)
    {
        using var command = dataSource.CreateCommand(
            "WITH dead AS (UPDATE silos SET status = 'dead' WHERE status = 'active' AND heartbeat < now() - $1 RETURNING instance, silo_id), " +
            "logged AS (INSERT INTO membership_events (silo_id, instance, kind, detail) SELECT silo_id, instance, 'declared-dead', 'by ' || $2 FROM dead) " +
            "SELECT instance FROM dead");
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = timeout });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = declaredBy });
        return await ControlSql.ReadAsync(command, r => r.GetString(0), async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The latest live incarnation of <paramref name="siloId"/> (active, heard from within <paramref name="timeout"/>), with
    /// its address and last heartbeat: another process started with the same silo id, or a predecessor killed moments ago;
    /// null when none.
    /// </summary>
    public async Task<LiveTwin?> FindLiveTwinAsync(string siloId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT instance, address, heartbeat FROM silos WHERE silo_id = $1 AND status = 'active' AND heartbeat >= now() - $2 " +
            "ORDER BY incarnation DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = siloId });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = timeout });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new LiveTwin(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)) : null;
    }

    /// <summary>The active silos whose heartbeat is fresh.</summary>
    public async ValueTask<List<SiloEntry>> ReadActiveAsync(TimeSpan timeout, bool async, CancellationToken cancellationToken)
    {
        using var command = dataSource.CreateCommand(
            "SELECT instance, silo_id, address, roles FROM silos WHERE status = 'active' AND heartbeat >= now() - $1 ORDER BY instance");
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = timeout });
        return await ControlSql.ReadAsync(command, r => new SiloEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3)), async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks this instance as gone (graceful shutdown), with a "left" event: others drop it from their rings at once.</summary>
    public async Task LeaveAsync(string instance, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "WITH gone AS (UPDATE silos SET status = 'left' WHERE instance = $1 AND status <> 'left' RETURNING silo_id, instance) " +
            "INSERT INTO membership_events (silo_id, instance, kind) SELECT silo_id, instance, 'left' FROM gone");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = instance });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
