namespace SampleMind.Scheduling.Sqlite;

/// <summary>The SQLite tables and indexes (times are Unix milliseconds, UTC).</summary>
internal static class SqliteSchema
{
    /// <summary>1 when <c>work_items</c> has the <c>trace_parent</c> column (added after the first release), else 0.</summary>
    public const string HasTraceParent = "SELECT COUNT(*) FROM pragma_table_info('work_items') WHERE name = 'trace_parent'";

    /// <summary>Adds the nullable <c>trace_parent</c> column to a database made before it existed.</summary>
    public const string AddTraceParent = "ALTER TABLE work_items ADD COLUMN trace_parent TEXT";

    public const string Script = """
        CREATE TABLE IF NOT EXISTS work_jobs (
            job_id TEXT NOT NULL PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            priority INTEGER NOT NULL,
            status INTEGER NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS work_lanes (
            job_id TEXT NOT NULL,
            role TEXT NOT NULL,
            priority INTEGER NOT NULL,
            enqueued INTEGER NOT NULL DEFAULT 0,
            pending INTEGER NOT NULL DEFAULT 0,
            leased INTEGER NOT NULL DEFAULT 0,
            succeeded INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            cancelled INTEGER NOT NULL DEFAULT 0,
            last_served INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (job_id, role, priority));
        CREATE INDEX IF NOT EXISTS ix_work_lanes_ready ON work_lanes (priority DESC, last_served) WHERE pending > 0;
        CREATE INDEX IF NOT EXISTS ix_work_lanes_served ON work_lanes (last_served);
        CREATE TABLE IF NOT EXISTS work_items (
            id INTEGER PRIMARY KEY,
            job_id TEXT NOT NULL,
            item_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            role TEXT NOT NULL,
            priority INTEGER NOT NULL,
            payload TEXT NOT NULL,
            state INTEGER NOT NULL,
            attempt INTEGER NOT NULL DEFAULT 0,
            lease_epoch INTEGER NOT NULL DEFAULT 0,
            lease_owner TEXT,
            lease_until INTEGER,
            available_at INTEGER NOT NULL,
            enqueued_at INTEGER NOT NULL,
            completed_at INTEGER,
            result TEXT,
            error TEXT,
            trace_parent TEXT,
            UNIQUE (job_id, item_key));
        CREATE INDEX IF NOT EXISTS ix_work_items_lane ON work_items (job_id, role, priority, available_at, id) WHERE state = 0;
        CREATE INDEX IF NOT EXISTS ix_work_items_expiry ON work_items (lease_until) WHERE state = 1;
        CREATE INDEX IF NOT EXISTS ix_work_items_owner ON work_items (lease_owner) WHERE state = 1;
        CREATE INDEX IF NOT EXISTS ix_work_items_job_state ON work_items (job_id, state, id);
        CREATE TABLE IF NOT EXISTS work_tallies (
            job_id TEXT NOT NULL,
            name TEXT NOT NULL,
            value REAL NOT NULL,
            PRIMARY KEY (job_id, name));
        CREATE TABLE IF NOT EXISTS work_tenant_turns (
            tenant_id TEXT NOT NULL,
            priority INTEGER NOT NULL,
            last_served INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (tenant_id, priority));
        """;
}
