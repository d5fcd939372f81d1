using Npgsql;
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
    /// <summary>Inserts this incarnation as active; earlier incarnations of the same silo id are dead by definition.</summary>
    public async ValueTask JoinAsync(SiloEntry self, long incarnation, bool async, CancellationToken cancellationToken)
    {
        using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(
            "INSERT INTO silos (instance, silo_id, address, roles, status, heartbeat, started_at, incarnation) VALUES ($1, $2, $3, $4, 'active', now(), now(), $5)",
            self.Instance, self.SiloId, self.Address, self.Roles, incarnation));
        batch.BatchCommands.Add(Command("UPDATE silos SET status = 'dead' WHERE silo_id = $1 AND instance <> $2 AND status = 'active'", self.SiloId, self.Instance));
        await ControlSql.ExecuteAsync(batch, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the heartbeat; false when this instance was declared dead (or left).</summary>
    public async ValueTask<bool> HeartbeatAsync(string instance, bool async, CancellationToken cancellationToken)
    {
        using var command = dataSource.CreateCommand("UPDATE silos SET heartbeat = now() WHERE instance = $1 AND status = 'active'");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = instance });
        return await ControlSql.ExecuteAsync(command, async, cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Declares dead every active silo silent for longer than <paramref name="timeout"/>; returns those this call declared.</summary>
    public async ValueTask<List<string>> DeclareDeadAsync(TimeSpan timeout, bool async, CancellationToken cancellationToken)
    {
        using var command = dataSource.CreateCommand(
            "UPDATE silos SET status = 'dead' WHERE status = 'active' AND heartbeat < now() - $1 RETURNING instance");
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = timeout });
        return await ControlSql.ReadAsync(command, r => r.GetString(0), async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The active silos whose heartbeat is fresh.</summary>
    public async ValueTask<List<SiloEntry>> ReadActiveAsync(TimeSpan timeout, bool async, CancellationToken cancellationToken)
    {
        using var command = dataSource.CreateCommand(
            "SELECT instance, silo_id, address, roles FROM silos WHERE status = 'active' AND heartbeat >= now() - $1 ORDER BY instance");
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = timeout });
        return await ControlSql.ReadAsync(command, r => new SiloEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3)), async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks this instance as gone (graceful shutdown): others drop it from their rings at once.</summary>
    public async Task LeaveAsync(string instance, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE silos SET status = 'left' WHERE instance = $1");
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
