using Npgsql;
using NpgsqlTypes;
using SampleMind.Runtime.Storage;

namespace SampleMind.Runtime.Cluster.Storage;

/// <summary>
/// Grain state in PostgreSQL, table <c>grain_state</c>, with the same ETag semantics as
/// <see cref="SqliteGrainStorage"/>: every write is one conditional statement. In cluster mode the
/// statement also checks the writer's partition lease (owner, epoch, unexpired) in the same
/// statement, so a silo whose lease was lost or taken over can never write (fencing); such a write
/// throws <see cref="StaleLeaseException"/>.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    private const string LeaseHeld =
        "EXISTS (SELECT 1 FROM partition_leases WHERE ring = $6 AND partition = $7 AND owner = $8 AND epoch = $9 AND expires_at > now())";

    private readonly NpgsqlDataSource _dataSource;
    private readonly Lazy<Task> _schema;
    private IGrainWriteFence? _fence;

    /// <summary>Storage over <paramref name="connectionString"/>; the tables are created on first use.</summary>
    public PostgresGrainStorage(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _dataSource = PostgresDataSources.Create(connectionString);
        _schema = new Lazy<Task>(() => ClusterSchema.CreateAsync(_dataSource, CancellationToken.None));
    }

    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Makes every write check the lease the fence names (cluster mode sets it once, at start).</summary>
    internal void UseFence(IGrainWriteFence fence) => _fence = fence;

    internal Task EnsureSchemaAsync() => _schema.Value;

    /// <inheritdoc/>
    public async Task<GrainStateRecord?> ReadAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken)
    {
        await _schema.Value;
        await using var command = _dataSource.CreateCommand(
            "SELECT payload, etag FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3");
        AddKey(command, grainType, grainKey, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new GrainStateRecord(reader.GetFieldValue<byte[]>(0), reader.GetString(1));
    }

    /// <inheritdoc/>
    public async Task<string> WriteAsync(string grainType, string grainKey, string stateName, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        await _schema.Value;
        var lease = Lease(grainType, grainKey);
        var fence = lease is null ? "true" : LeaseHeld;
        var etag = EtagConflict.NewEtag();
        var old = lease is null ? "$6" : "$10";
        var sql = expectedEtag is null
            ? $"INSERT INTO grain_state (grain_type, grain_key, state_name, etag, payload) SELECT $1, $2, $3, $4, $5 WHERE {fence} ON CONFLICT DO NOTHING"
            : $"UPDATE grain_state SET etag = $4, payload = $5, updated_at = now() WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND etag = {old} AND {fence}";
        await using var command = _dataSource.CreateCommand(sql);
        AddKey(command, grainType, grainKey, stateName);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = etag });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload.ToArray(), NpgsqlDbType = NpgsqlDbType.Bytea });
        AddLease(command, lease);
        if (expectedEtag is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = expectedEtag });
        }

        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw await ConflictAsync("write", grainType, grainKey, stateName, expectedEtag, lease, cancellationToken);
        }

        return etag;
    }

    /// <inheritdoc/>
    public async Task ClearAsync(string grainType, string grainKey, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        await _schema.Value;
        var lease = Lease(grainType, grainKey);
        if (expectedEtag is null)
        {
            var stored = await StoredEtagAsync(grainType, grainKey, stateName, cancellationToken);
            if (stored is not null)
            {
                throw EtagConflict.Create("clear", grainType, grainKey, stateName, stored, expectedEtag);
            }

            return;
        }

        var fence = lease is null ? "true" : LeaseHeld;
        await using var command = _dataSource.CreateCommand(
            $"DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND etag = $4 AND {fence}");
        AddKey(command, grainType, grainKey, stateName);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = expectedEtag });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = [], NpgsqlDbType = NpgsqlDbType.Bytea });
        AddLease(command, lease);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw await ConflictAsync("clear", grainType, grainKey, stateName, expectedEtag, lease, cancellationToken);
        }
    }

    private LeaseToken? Lease(string grainType, string grainKey)
    {
        if (_fence is not { } fence)
        {
            return null;
        }

        return fence.CurrentLease(grainType, grainKey) ?? throw new StaleLeaseException(
            $"Cannot write state of grain {grainType}/{grainKey}: this silo does not hold its partition's lease (it moved or expired).");
    }

    private static void AddKey(NpgsqlCommand command, string grainType, string grainKey, string stateName)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
    }

    private static void AddLease(NpgsqlCommand command, LeaseToken? lease)
    {
        if (lease is not { } held)
        {
            return;
        }

        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = held.Ring });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = held.Partition });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = held.Owner });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = held.Epoch });
    }

    private async Task<Exception> ConflictAsync(string operation, string grainType, string grainKey, string stateName, string? expectedEtag, LeaseToken? lease, CancellationToken cancellationToken)
    {
        if (lease is { } held && !await LeaseStillHeldAsync(held, cancellationToken))
        {
            return new StaleLeaseException(
                $"Cannot {operation} state of grain {grainType}/{grainKey}: the lease on partition {held.Ring}/{held.Partition} at epoch {held.Epoch} " +
                $"is no longer held by {held.Owner} (expired or taken over); the write was fenced off.");
        }

        var stored = await StoredEtagAsync(grainType, grainKey, stateName, cancellationToken);
        return EtagConflict.Create(operation, grainType, grainKey, stateName, stored, expectedEtag);
    }

    private async Task<bool> LeaseStillHeldAsync(LeaseToken lease, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT count(*) FROM partition_leases WHERE ring = $1 AND partition = $2 AND owner = $3 AND epoch = $4 AND expires_at > now()");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lease.Ring });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = lease.Partition });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lease.Owner });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lease.Epoch });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    private async Task<string?> StoredEtagAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT etag FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3");
        AddKey(command, grainType, grainKey, stateName);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
