using SampleMind.Scheduling.Diagnostics;

namespace SampleMind.Scheduling.Storage;

public abstract partial class SqlWorkQueue
{
    private const string UpsertLaneSql = """
        INSERT INTO work_lanes (job_id, role, priority, enqueued, pending, leased, succeeded, failed, cancelled, last_served)
        VALUES (@job, @role, @priority, @enqueued, @pending, 0, 0, @failed, @cancelled, 0)
        ON CONFLICT (job_id, role, priority) DO UPDATE SET
            enqueued = work_lanes.enqueued + excluded.enqueued,
            pending = work_lanes.pending + excluded.pending,
            failed = work_lanes.failed + excluded.failed,
            cancelled = work_lanes.cancelled + excluded.cancelled
        """;

    /// <inheritdoc />
    public async Task<bool> RegisterJobAsync(WorkJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrEmpty(job.JobId);
        ArgumentException.ThrowIfNullOrEmpty(job.TenantId);
        ArgumentOutOfRangeException.ThrowIfNegative(job.Priority);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(job.Priority, 9);
        var created = await WriteAsync(async scope =>
        {
            await using var command = scope.Command("""
                INSERT INTO work_jobs (job_id, tenant_id, kind, priority, status, created_at)
                VALUES (@job, @tenant, @kind, @priority, 0, @now)
                ON CONFLICT (job_id) DO NOTHING
                """)
                .With("@job", job.JobId).With("@tenant", job.TenantId).With("@kind", job.Kind ?? string.Empty)
                .With("@priority", job.Priority).With("@now", NowMs);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
        if (created)
        {
            SchedulingLog.JobRegistered(_logger, job.JobId, job.TenantId, job.Priority);
        }

        return created;
    }

    /// <inheritdoc />
    public Task<bool> PauseJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        SetStatusAsync(jobId, WorkJobStatus.Active, WorkJobStatus.Paused, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> ResumeJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var resumed = await SetStatusAsync(jobId, WorkJobStatus.Paused, WorkJobStatus.Active, cancellationToken);
        if (resumed)
        {
            await AnnounceArrivalAsync();
        }

        return resumed;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The job's status changes first, with the first <see cref="WorkQueueOptions.CancelBatchSize"/> pending items; the
    /// rest are cancelled that many per transaction, so that other writers (every tenant's claims, enqueues and
    /// outcomes) go on between them. No claim takes an item of a cancelled job, so the items still pending in between are
    /// claimed by no one; a call on a job already cancelled (after a crash between the batches) cancels what is left.
    /// </remarks>
    public async Task<bool> CancelJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var (cancelled, more) = await WriteAsync(async scope =>
        {
            await using var command = scope.Command("UPDATE work_jobs SET status = 2 WHERE job_id = @job AND status <> 2")
                .With("@job", jobId);
            var changed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            return (changed, await CancelPendingBatchAsync(scope, jobId, cancellationToken));
        }, cancellationToken);
        if (cancelled)
        {
            SchedulingLog.JobStatusChanged(_logger, jobId, WorkJobStatus.Cancelled);
        }

        while (more)
        {
            more = await WriteAsync(scope => CancelPendingBatchAsync(scope, jobId, cancellationToken), cancellationToken);
        }

        if (cancelled)
        {
            Outcomes.Pulse();
        }

        return cancelled;
    }

    /// <summary>
    /// Cancels one batch of the pending items of a job (cancelled, or unknown: then none) and counts them on their lanes;
    /// true when the batch was full, so that more may be left.
    /// </summary>
    private async Task<bool> CancelPendingBatchAsync(SqlScope scope, string jobId, CancellationToken cancellationToken)
    {
        var perLane = await CancelPendingItemsAsync(scope, jobId, NowMs, _options.CancelBatchSize, cancellationToken);
        var deltas = new LaneDeltas();
        var total = 0;
        foreach (var (lane, count) in perLane)
        {
            deltas.Add(lane, pending: -count, cancelled: count);
            total += count;
        }

        await deltas.ApplyAsync(scope, cancellationToken);
        return total == _options.CancelBatchSize;
    }

    /// <inheritdoc />
    public async Task<int> EnqueueAsync(string jobId, IReadOnlyList<WorkItemRequest> items, CancellationToken cancellationToken = default)
    {
        var added = await EnqueueCoreAsync(jobId, items, null, cancellationToken);
        if (added > 0)
        {
            await AnnounceArrivalAsync();
        }

        return added;
    }

    /// <inheritdoc />
    public async Task<int> EnqueueSetAsideAsync(
        string jobId, IReadOnlyList<WorkItemRequest> items, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var added = await EnqueueCoreAsync(jobId, items, error, cancellationToken);
        if (added > 0)
        {
            SchedulingMetrics.SetAside.Add(added);
            Outcomes.Pulse();
        }

        return added;
    }

    /// <summary>
    /// Inserts the new items pending, or (<paramref name="error"/> given) set aside with it; into a cancelled job,
    /// cancelled. Returns how many were new.
    /// </summary>
    private async Task<int> EnqueueCoreAsync(
        string jobId, IReadOnlyList<WorkItemRequest> items, string? error, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            Validate(item);
        }

        if (items.Count == 0)
        {
            return 0;
        }

        using var activity = SchedulingTracing.StartEnqueue(jobId, items.Count);
        var traceParent = SchedulingTracing.TraceParent(activity);
        var added = await WriteAsync(async scope =>
        {
            var (job, status) = await ReadJobAsync(scope, jobId, ForShare, cancellationToken)
                ?? throw new WorkJobNotFoundException(jobId);
            var cancelled = status == WorkJobStatus.Cancelled;
            var state = cancelled ? ItemState.Cancelled : error is null ? ItemState.Pending : ItemState.Failed;
            var setAside = state == ItemState.Failed ? error : null;
            var perLane = await InsertItemsAsync(scope, job, items, state, setAside, NowMs, traceParent, cancellationToken);
            var total = 0;
            foreach (var (lane, count) in perLane.OrderBy(pair => pair.Key))
            {
                await using var command = scope.Command(UpsertLaneSql)
                    .With("@job", lane.JobId).With("@role", lane.Role).With("@priority", lane.Priority)
                    .With("@enqueued", (long)count).With("@pending", state == ItemState.Pending ? count : 0L)
                    .With("@failed", state == ItemState.Failed ? count : 0L).With("@cancelled", cancelled ? count : 0L);
                await command.ExecuteNonQueryAsync(cancellationToken);
                total += count;
            }

            return total;
        }, cancellationToken);
        SchedulingLog.ItemsEnqueued(_logger, jobId, added, items.Count);
        return added;
    }

    /// <inheritdoc />
    public Task<WorkJobCounts?> GetJobCountsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return ReadAsync(async scope =>
        {
            await using var command = scope.Command("""
                SELECT j.tenant_id, j.status,
                       CAST(COALESCE(SUM(l.enqueued), 0) AS BIGINT), CAST(COALESCE(SUM(l.pending), 0) AS BIGINT),
                       CAST(COALESCE(SUM(l.leased), 0) AS BIGINT), CAST(COALESCE(SUM(l.succeeded), 0) AS BIGINT),
                       CAST(COALESCE(SUM(l.failed), 0) AS BIGINT), CAST(COALESCE(SUM(l.cancelled), 0) AS BIGINT)
                FROM work_jobs j LEFT JOIN work_lanes l ON l.job_id = j.job_id
                WHERE j.job_id = @job
                GROUP BY j.tenant_id, j.status
                """).With("@job", jobId);
            WorkJobCounts counts;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return null;
                }

                counts = new WorkJobCounts(
                    jobId, reader.GetString(0), (WorkJobStatus)reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3),
                    reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), new Dictionary<string, double>());
            }

            return counts with { Tallies = await ReadTalliesAsync(scope, jobId, cancellationToken) };
        }, cancellationToken);
    }

    private async Task<bool> SetStatusAsync(string jobId, WorkJobStatus from, WorkJobStatus to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var changed = await WriteAsync(async scope =>
        {
            await using var command = scope.Command("UPDATE work_jobs SET status = @to WHERE job_id = @job AND status = @from")
                .With("@to", (int)to).With("@job", jobId).With("@from", (int)from);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
        if (changed)
        {
            SchedulingLog.JobStatusChanged(_logger, jobId, to);
        }

        return changed;
    }

    private static async Task<(WorkJob Job, WorkJobStatus Status)?> ReadJobAsync(
        SqlScope scope, string jobId, string lockClause, CancellationToken cancellationToken)
    {
        await using var command = scope.Command(
            "SELECT tenant_id, priority, kind, status FROM work_jobs WHERE job_id = @job" + lockClause).With("@job", jobId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var job = new WorkJob(jobId, reader.GetString(0), reader.GetInt32(1), reader.GetString(2));
        return (job, (WorkJobStatus)reader.GetInt32(3));
    }

    private static async Task<IReadOnlyDictionary<string, double>> ReadTalliesAsync(
        SqlScope scope, string jobId, CancellationToken cancellationToken)
    {
        await using var command = scope.Command("SELECT name, value FROM work_tallies WHERE job_id = @job").With("@job", jobId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tallies = new Dictionary<string, double>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            tallies[reader.GetString(0)] = reader.GetDouble(1);
        }

        return tallies;
    }

    private static void Validate(WorkItemRequest item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrEmpty(item.ItemKey);
        ArgumentException.ThrowIfNullOrEmpty(item.Kind);
        ArgumentException.ThrowIfNullOrEmpty(item.RequiredRole);
        ArgumentNullException.ThrowIfNull(item.Payload);
        if (item.Priority is < 0 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(item), $"Item '{item.ItemKey}': priority must be 0-9.");
        }
    }
}
