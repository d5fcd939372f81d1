using Npgsql;

namespace SampleMind.Runtime.Cluster.Placement;

/// <summary>
/// The <c>partition_leases</c> table: (ring, partition) → owner, epoch, expiry. Taking a lease is a
/// conditional update (free or expired) that increments the epoch, the fencing token that grain
/// state writes check. Expiry is the database's clock; holders stop serving earlier by their own.
/// Methods taking <c>async</c> run synchronously when it is false (<see cref="ControlSql"/>).
/// </summary>
internal sealed class LeaseTable(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The partition count the database was created with, recorded by the first silo to start on it (a database from
    /// before the record: its lease rows' count); the lease rows of <paramref name="partitions"/> are created when that
    /// is the count. A silo started with another count must not take leases: it would place grains elsewhere than
    /// every other silo.
    /// </summary>
    public async Task<int> EnsurePartitionsAsync(int partitions, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "INSERT INTO cluster_settings (name, value) SELECT 'partitions', COALESCE((SELECT max(partition) + 1 FROM partition_leases), $1)::text " +
            "ON CONFLICT DO NOTHING")
        {
            Parameters = { new NpgsqlParameter<int> { TypedValue = partitions } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "INSERT INTO partition_leases (ring, partition) SELECT r, p FROM unnest($1::text[]) r, generate_series(0, $2 - 1) p " +
            "WHERE (SELECT value FROM cluster_settings WHERE name = 'partitions') = $2::text ON CONFLICT DO NOTHING")
        {
            Parameters = { new NpgsqlParameter<string[]> { TypedValue = Rings.All }, new NpgsqlParameter<int> { TypedValue = partitions } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT value::int FROM cluster_settings WHERE name = 'partitions'"));
        return (int)(await batch.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Extends every unexpired lease <paramref name="owner"/> holds; returns them with their epochs.</summary>
    public ValueTask<List<(int Ring, int Partition, long Epoch)>> RenewAsync(string owner, TimeSpan duration, bool async, CancellationToken cancellationToken) =>
        ReadLeasesAsync(
            "UPDATE partition_leases SET expires_at = now() + $2 WHERE owner = $1 AND expires_at > now() RETURNING ring, partition, epoch",
            owner, duration, null, async, cancellationToken);

    /// <summary>Takes those of <paramref name="wanted"/> that are free or expired; returns the ones taken with their new epochs.</summary>
    public ValueTask<List<(int Ring, int Partition, long Epoch)>> AcquireAsync(string owner, TimeSpan duration, IReadOnlyList<(int Ring, int Partition)> wanted, bool async, CancellationToken cancellationToken) =>
        ReadLeasesAsync(
            "UPDATE partition_leases l SET owner = $1, epoch = l.epoch + 1, expires_at = now() + $2 " +
            "FROM unnest($3::text[], $4::int[]) AS w(ring, partition) " +
            "WHERE l.ring = w.ring AND l.partition = w.partition AND (l.owner IS NULL OR l.expires_at <= now()) RETURNING l.ring, l.partition, l.epoch",
            owner, duration, wanted, async, cancellationToken);

    /// <summary>Gives a lease back (graceful hand-off), if it is still held at <paramref name="epoch"/>.</summary>
    public async Task ReleaseAsync(string owner, int ring, int partition, long epoch, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE partition_leases SET owner = NULL, expires_at = '-infinity' WHERE ring = $1 AND partition = $2 AND owner = $3 AND epoch = $4");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Rings.All[ring] });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = epoch });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The current, unexpired owners.</summary>
    public async ValueTask<List<(int Ring, int Partition, string Instance)>> ReadOwnersAsync(bool async, CancellationToken cancellationToken)
    {
        using var command = dataSource.CreateCommand(
            "SELECT ring, partition, owner FROM partition_leases WHERE owner IS NOT NULL AND expires_at > now()");
        return await ControlSql.ReadAsync(command, r => (Rings.IndexOf(r.GetString(0)), r.GetInt32(1), r.GetString(2)), async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<List<(int, int, long)>> ReadLeasesAsync(string sql, string owner, TimeSpan duration, IReadOnlyList<(int Ring, int Partition)>? wanted, bool async, CancellationToken cancellationToken)
    {
        using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = duration });
        if (wanted is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. wanted.Select(w => Rings.All[w.Ring])] });
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. wanted.Select(w => w.Partition)] });
        }

        return await ControlSql.ReadAsync(command, r => (Rings.IndexOf(r.GetString(0)), r.GetInt32(1), r.GetInt64(2)), async, cancellationToken).ConfigureAwait(false);
    }
}
