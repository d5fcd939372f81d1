using Npgsql;

namespace SampleMind.Runtime.Reminders;

/// <summary>
/// The qrtz_ tables that Quartz 3's clustered AdoJobStore (PostgreSQLDelegate) reads and writes, in
/// the cluster database's search path, including the optional columns 3.2x probes for
/// (misfire_orig_fire_time, execution_group, preferred_node). Quartz's unquoted upper-case names
/// fold to these lower-case ones. Created idempotently under an advisory lock (silos start
/// together, and concurrent CREATE IF NOT EXISTS can race in PostgreSQL); never dropped.
/// </summary>
internal static class QuartzPostgresSchema
{
    /// <summary>The table prefix given to Quartz.</summary>
    public const string TablePrefix = "qrtz_";

    private const string Ddl = """
        SELECT pg_advisory_xact_lock(7406519124);
        CREATE TABLE IF NOT EXISTS qrtz_job_details (
            sched_name        text NOT NULL,
            job_name          text NOT NULL,
            job_group         text NOT NULL,
            description       text NULL,
            job_class_name    text NOT NULL,
            is_durable        boolean NOT NULL,
            is_nonconcurrent  boolean NOT NULL,
            is_update_data    boolean NOT NULL,
            requests_recovery boolean NOT NULL,
            job_data          bytea NULL,
            PRIMARY KEY (sched_name, job_name, job_group));
        CREATE TABLE IF NOT EXISTS qrtz_triggers (
            sched_name             text NOT NULL,
            trigger_name           text NOT NULL,
            trigger_group          text NOT NULL,
            job_name               text NOT NULL,
            job_group              text NOT NULL,
            description            text NULL,
            next_fire_time         bigint NULL,
            prev_fire_time         bigint NULL,
            priority               integer NULL,
            trigger_state          text NOT NULL,
            trigger_type           text NOT NULL,
            start_time             bigint NOT NULL,
            end_time               bigint NULL,
            calendar_name          text NULL,
            misfire_instr          integer NULL,
            misfire_orig_fire_time bigint NULL,
            execution_group        text NULL,
            preferred_node         text NULL,
            preferred_node_auto    boolean NOT NULL DEFAULT false,
            job_data               bytea NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group));
        CREATE TABLE IF NOT EXISTS qrtz_simple_triggers (
            sched_name      text NOT NULL,
            trigger_name    text NOT NULL,
            trigger_group   text NOT NULL,
            repeat_count    bigint NOT NULL,
            repeat_interval bigint NOT NULL,
            times_triggered bigint NOT NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE);
        CREATE TABLE IF NOT EXISTS qrtz_simprop_triggers (
            sched_name    text NOT NULL,
            trigger_name  text NOT NULL,
            trigger_group text NOT NULL,
            str_prop_1    text NULL,
            str_prop_2    text NULL,
            str_prop_3    text NULL,
            int_prop_1    integer NULL,
            int_prop_2    integer NULL,
            long_prop_1   bigint NULL,
            long_prop_2   bigint NULL,
            dec_prop_1    numeric NULL,
            dec_prop_2    numeric NULL,
            bool_prop_1   boolean NULL,
            bool_prop_2   boolean NULL,
            time_zone_id  text NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE);
        CREATE TABLE IF NOT EXISTS qrtz_cron_triggers (
            sched_name      text NOT NULL,
            trigger_name    text NOT NULL,
            trigger_group   text NOT NULL,
            cron_expression text NOT NULL,
            time_zone_id    text NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE);
        CREATE TABLE IF NOT EXISTS qrtz_blob_triggers (
            sched_name    text NOT NULL,
            trigger_name  text NOT NULL,
            trigger_group text NOT NULL,
            blob_data     bytea NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE);
        CREATE TABLE IF NOT EXISTS qrtz_calendars (
            sched_name    text NOT NULL,
            calendar_name text NOT NULL,
            calendar      bytea NOT NULL,
            PRIMARY KEY (sched_name, calendar_name));
        CREATE TABLE IF NOT EXISTS qrtz_paused_trigger_grps (
            sched_name    text NOT NULL,
            trigger_group text NOT NULL,
            PRIMARY KEY (sched_name, trigger_group));
        CREATE TABLE IF NOT EXISTS qrtz_fired_triggers (
            sched_name        text NOT NULL,
            entry_id          text NOT NULL,
            trigger_name      text NOT NULL,
            trigger_group     text NOT NULL,
            instance_name     text NOT NULL,
            fired_time        bigint NOT NULL,
            sched_time        bigint NOT NULL,
            priority          integer NOT NULL,
            state             text NOT NULL,
            job_name          text NULL,
            job_group         text NULL,
            is_nonconcurrent  boolean NULL,
            requests_recovery boolean NULL,
            execution_group   text NULL,
            PRIMARY KEY (sched_name, entry_id));
        CREATE TABLE IF NOT EXISTS qrtz_scheduler_state (
            sched_name        text NOT NULL,
            instance_name     text NOT NULL,
            last_checkin_time bigint NOT NULL,
            checkin_interval  bigint NOT NULL,
            PRIMARY KEY (sched_name, instance_name));
        CREATE TABLE IF NOT EXISTS qrtz_locks (
            sched_name text NOT NULL,
            lock_name  text NOT NULL,
            PRIMARY KEY (sched_name, lock_name));
        CREATE INDEX IF NOT EXISTS qrtz_triggers_next_fire ON qrtz_triggers (sched_name, trigger_state, next_fire_time);
        CREATE INDEX IF NOT EXISTS qrtz_triggers_group ON qrtz_triggers (sched_name, trigger_group);
        CREATE INDEX IF NOT EXISTS qrtz_triggers_job ON qrtz_triggers (sched_name, job_name, job_group);
        CREATE INDEX IF NOT EXISTS qrtz_fired_triggers_instance ON qrtz_fired_triggers (sched_name, instance_name);
        CREATE INDEX IF NOT EXISTS qrtz_fired_triggers_trigger ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
        CREATE INDEX IF NOT EXISTS qrtz_fired_triggers_job ON qrtz_fired_triggers (sched_name, job_name, job_group);
        """;

    public static async Task CreateAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Ddl, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
