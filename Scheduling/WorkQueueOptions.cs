namespace SampleMind.Scheduling;

/// <summary>Settings of the work queue (configuration section "WorkQueue").</summary>
public sealed class WorkQueueOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "WorkQueue";

    /// <summary>Provider name for the embedded SQLite queue.</summary>
    public const string SqliteProvider = "sqlite";

    /// <summary>Provider name for the PostgreSQL queue.</summary>
    public const string PostgresProvider = "postgres";

    /// <summary>"sqlite" (default, embedded mode) or "postgres" (cluster mode).</summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>
    /// For sqlite: a file path or a full "Data Source=..." connection string (default ./data/work.db);
    /// for postgres: an Npgsql connection string (required).
    /// </summary>
    public string ConnectionString { get; set; } = "data/work.db";

    /// <summary>Claims of one item before it is set aside (default 3).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Backoff after the first failure, doubling per attempt (default 5 s).</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound of the retry backoff (default 5 min).</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lease length used by callers that do not choose one (default 2 min).</summary>
    public TimeSpan DefaultLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Expired leases returned per claim call (default 256); bounds the work of one claim.</summary>
    public int ReclaimBatchSize { get; set; } = 256;

    /// <summary>
    /// Pending items a job's cancellation marks cancelled per transaction (default 2000); bounds how long it holds the
    /// queue's writes (SQLite: every writer's) at a time.
    /// </summary>
    public int CancelBatchSize { get; set; } = 2000;
}
