using System.Data.Common;

namespace SampleMind.Scheduling.Storage;

public abstract partial class SqlWorkQueue
{
    /// <inheritdoc />
    public Task<IReadOnlyList<WorkResult>> ReadResultsAsync(
        string jobId,
        long afterItemId,
        int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadAsync<IReadOnlyList<WorkResult>>(async scope =>
        {
            await using var command = scope.Command("""
                SELECT id, item_key, kind, result, completed_at FROM work_items
                WHERE job_id = @job AND state = 2 AND id > @after
                ORDER BY id LIMIT @limit
                """).With("@job", jobId).With("@after", afterItemId).With("@limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var results = new List<WorkResult>();
            while (await reader.ReadAsync(cancellationToken))
            {
                results.Add(new WorkResult(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), FromMs(reader.GetInt64(4))));
            }

            return results;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkFailure>> ReadFailuresAsync(
        string jobId,
        int limit,
        long afterItemId = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadAsync<IReadOnlyList<WorkFailure>>(scope => ReadFailuresAsync(scope.Command("""
                SELECT id, item_key, kind, attempt, COALESCE(error, ''), completed_at FROM work_items
                WHERE job_id = @job AND state = 3 AND id > @after
                ORDER BY id LIMIT @limit
                """).With("@job", jobId).With("@after", afterItemId).With("@limit", limit), cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkFailure>> ReadLatestFailuresAsync(string jobId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // The last ones in listing order, which a job works through in order: a backward walk of the (job, state, id)
        // index, as cheap for a million failures as for one (by the time they failed would sort them all, at every status).
        return ReadAsync<IReadOnlyList<WorkFailure>>(scope => ReadFailuresAsync(scope.Command("""
                SELECT id, item_key, kind, attempt, COALESCE(error, ''), completed_at FROM work_items
                WHERE job_id = @job AND state = 3
                ORDER BY id DESC LIMIT @limit
                """).With("@job", jobId).With("@limit", limit), cancellationToken), cancellationToken);
    }

    private static async Task<IReadOnlyList<WorkFailure>> ReadFailuresAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var failures = new List<WorkFailure>();
            while (await reader.ReadAsync(cancellationToken))
            {
                failures.Add(new WorkFailure(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                    reader.GetString(4), FromMs(reader.GetInt64(5))));
            }

            return failures;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkRoleDepth>> GetDepthsAsync(CancellationToken cancellationToken = default)
    {
        return ReadAsync<IReadOnlyList<WorkRoleDepth>>(async scope =>
        {
            // Only lanes with work are read; the oldest item of a lane is the first entry of its index.
            await using var command = scope.Command("""
                SELECT l.role,
                       CAST(COALESCE(SUM(CASE WHEN j.status = 0 THEN l.pending ELSE 0 END), 0) AS BIGINT),
                       CAST(COALESCE(SUM(l.leased), 0) AS BIGINT),
                       MIN(CASE WHEN j.status = 0 AND l.pending > 0 THEN (
                           SELECT i.available_at FROM work_items i
                           WHERE i.job_id = l.job_id AND i.role = l.role AND i.priority = l.priority AND i.state = 0
                           ORDER BY i.available_at, i.id LIMIT 1) END)
                FROM work_lanes l JOIN work_jobs j ON j.job_id = l.job_id
                WHERE l.pending > 0 OR l.leased > 0
                GROUP BY l.role ORDER BY l.role
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var now = NowMs;
            var depths = new List<WorkRoleDepth>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var oldest = reader.IsDBNull(3) ? now : reader.GetInt64(3);
                var age = TimeSpan.FromMilliseconds(Math.Max(0, now - oldest));
                depths.Add(new WorkRoleDepth(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), age));
            }

            return depths;
        }, cancellationToken);
    }
}
