using Npgsql;

namespace SampleMind.Runtime.Cluster.Storage;

/// <summary>
/// The cluster's tables in PostgreSQL: grain state, silo membership (with each silo's last CPU and
/// memory figures, columns added in place to databases created before them), the membership events,
/// partition leases and the settings fixed for the life of the database (<c>cluster_settings</c>: the partition count). Created idempotently under an advisory lock (concurrent CREATE IF NOT EXISTS
/// can race in PostgreSQL); never dropped. Tables live in the connection's search path (tests give each its own schema).
/// </summary>
internal static class ClusterSchema
{
    private const string Ddl = """
        SELECT pg_advisory_xact_lock(7406519123);
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type text NOT NULL,
            grain_key  text NOT NULL,
            state_name text NOT NULL,
            etag       text NOT NULL,
            payload    bytea NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (grain_type, grain_key, state_name));
        CREATE TABLE IF NOT EXISTS silos (
            instance    text PRIMARY KEY,
            silo_id     text NOT NULL,
            address     text NOT NULL,
            roles       text[] NOT NULL,
            status      text NOT NULL,
            heartbeat   timestamptz NOT NULL,
            started_at  timestamptz NOT NULL,
            incarnation bigint NOT NULL);
        CREATE INDEX IF NOT EXISTS silos_status ON silos (status, heartbeat);
        ALTER TABLE silos
            ADD COLUMN IF NOT EXISTS cpu_percent       double precision NULL,
            ADD COLUMN IF NOT EXISTS working_set_bytes bigint NULL,
            ADD COLUMN IF NOT EXISTS stats_at          timestamptz NULL;
        CREATE TABLE IF NOT EXISTS membership_events (
            id       bigserial PRIMARY KEY,
            at       timestamptz NOT NULL DEFAULT now(),
            silo_id  text NOT NULL,
            instance text NOT NULL,
            kind     text NOT NULL,
            detail   text NULL);
        CREATE TABLE IF NOT EXISTS partition_leases (
            ring       text NOT NULL,
            partition  int NOT NULL,
            owner      text NULL,
            epoch      bigint NOT NULL DEFAULT 0,
            expires_at timestamptz NOT NULL DEFAULT '-infinity',
            PRIMARY KEY (ring, partition));
        CREATE TABLE IF NOT EXISTS cluster_settings (
            name  text PRIMARY KEY,
            value text NOT NULL);
        """;

    /// <summary>
    /// True when every object of <see cref="Ddl"/> is there. DDL on tables in use takes locks (the
    /// ALTER an exclusive one) that deadlock with other silos' joins and heartbeats, so a silo starting
    /// in a running cluster runs the script only when something is missing.
    /// </summary>
    private const string IsCurrent = """
        SELECT to_regclass('partition_leases') IS NOT NULL
           AND to_regclass('cluster_settings') IS NOT NULL
           AND to_regclass('membership_events') IS NOT NULL
           AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('silos') AND attname = 'stats_at' AND NOT attisdropped)
        """;

    public static async Task CreateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var check = new NpgsqlCommand(IsCurrent, connection))
        {
            if (await check.ExecuteScalarAsync(cancellationToken) is true)
            {
                return;
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Ddl, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
