using System.Data.Common;
using SampleMind.Scheduling.Diagnostics;

namespace SampleMind.Scheduling.Storage;

public abstract partial class SqlWorkQueue
{
    /// <summary>Lanes looked at per claim beyond the batch size (lanes whose items all wait out a backoff).</summary>
    private const int ExtraLanesPerClaim = 16;

    /// <summary>The longest a claim on this instance goes without looking for expired leases.</summary>
    private const long MaxReclaimIntervalMs = 1000;

    /// <summary>When (unix ms, this queue's clock) a claim next looks for expired leases.</summary>
    private long _nextReclaimMs = long.MinValue;

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkItem>> ClaimAsync(
        string workerId,
        IReadOnlyCollection<string> roles,
        int maxItems,
        TimeSpan leaseDuration,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        var claim = await CompleteAndClaimAsync([], workerId, roles, maxItems, leaseDuration, cancellationToken);
        return claim.Claimed;
    }

    /// <inheritdoc />
    public async Task<WorkClaim> CompleteAndClaimAsync(
        IReadOnlyList<WorkCompletion> completions,
        string workerId,
        IReadOnlyCollection<string> roles,
        int maxItems,
        TimeSpan leaseDuration,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completions);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentOutOfRangeException.ThrowIfNegative(maxItems);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var claimable = new HashSet<string>(roles, StringComparer.Ordinal) { WorkRoles.Any };
        if (maxItems > 0 && ReclaimDue(leaseDuration))
        {
            await ReclaimExpiredAsync(cancellationToken);
        }

        // Item rows are locked in id order (completions), then by the claim (SKIP LOCKED), then the lane rows, last.
        var (recorded, claimed) = await WriteAsync(async scope =>
        {
            var deltas = new LaneDeltas();
            var recorded = await CompleteAllInScopeAsync(scope, completions, deltas, cancellationToken);

            var claimed = maxItems > 0
                ? await ClaimInScopeAsync(scope, workerId, claimable, maxItems, leaseDuration, deltas, cancellationToken)
                : [];
            await deltas.ApplyAsync(scope, cancellationToken);
            return (recorded, claimed);
        }, cancellationToken);
        ReportCompletions(completions, recorded);
        return new WorkClaim(recorded, claimed);
    }

    /// <summary>
    /// True at most once per interval of min(lease / 4, 1 s) per queue instance: a worker claiming item
    /// after item would otherwise run a reclaim transaction before every claim. An expired lease is thus
    /// handed out again at most that much later. <see cref="ReclaimExpiredAsync"/> itself always runs.
    /// </summary>
    private bool ReclaimDue(TimeSpan leaseDuration)
    {
        var now = NowMs;
        var due = Volatile.Read(ref _nextReclaimMs);
        if (now < due)
        {
            return false;
        }

        var interval = Math.Min((long)(leaseDuration.TotalMilliseconds / 4), MaxReclaimIntervalMs);
        return Interlocked.CompareExchange(ref _nextReclaimMs, now + interval, due) == due;
    }

    /// <inheritdoc />
    public async Task<bool> RenewAsync(long itemId, long leaseToken, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        return await WriteAsync(async scope =>
        {
            await using var command = scope.Command(
                "UPDATE work_items SET lease_until = @until WHERE id = @id AND state = 1 AND lease_epoch = @token")
                .With("@until", NowMs + (long)leaseDuration.TotalMilliseconds).With("@id", itemId).With("@token", leaseToken);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> ReclaimExpiredAsync(CancellationToken cancellationToken = default)
    {
        var (reclaimed, setAside) = await ReclaimAsync(
            $"state = 1 AND lease_until <= @now ORDER BY lease_until LIMIT @limit{ForUpdateSkipLocked}",
            "'lease expired on attempt ' || attempt || ' (worker ' || COALESCE(lease_owner, '?') || ')'",
            command => command.With("@limit", _options.ReclaimBatchSize),
            cancellationToken);
        if (reclaimed > 0)
        {
            SchedulingMetrics.CountReclaimed(reclaimed - setAside, setAside);
            SchedulingLog.LeasesReclaimed(_logger, reclaimed, setAside);
        }

        return reclaimed;
    }

    /// <inheritdoc />
    public async Task<int> ReclaimLeasesOfAsync(string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        var (reclaimed, setAside) = await ReclaimAsync(
            $"state = 1 AND lease_owner = @worker{ForUpdateSkipLocked}",
            "'the worker ' || lease_owner || ' stopped without finishing it (killed or crashed) on attempt ' || attempt",
            command => command.With("@worker", workerId),
            cancellationToken);
        if (reclaimed > 0)
        {
            // A start after a clean stop (or the first start) takes back nothing and says nothing.
            SchedulingLog.PredecessorLeasesReclaimed(_logger, workerId, reclaimed, setAside);
            SchedulingMetrics.CountReclaimed(reclaimed - setAside, setAside);
        }

        if (reclaimed > setAside)
        {
            await AnnounceArrivalAsync();
        }

        return reclaimed;
    }

    /// <summary>
    /// Puts the leased items chosen by <paramref name="chosen"/> (the condition and order of a <c>SELECT id</c>) back to
    /// pending, or sets aside those on their last attempt with the error <paramref name="reason"/> (an SQL expression);
    /// returns how many were taken back and how many of those were set aside.
    /// </summary>
    private Task<(int Reclaimed, int SetAside)> ReclaimAsync(
        string chosen, string reason, Func<DbCommand, DbCommand> bind, CancellationToken cancellationToken) =>
        WriteAsync(async scope =>
        {
            await using var command = bind(scope.Command($"""
                WITH chosen AS (SELECT id FROM work_items WHERE {chosen})
                UPDATE work_items SET
                    state = CASE WHEN attempt >= @max THEN 3 ELSE 0 END,
                    error = CASE WHEN attempt >= @max THEN {reason} ELSE error END,
                    completed_at = CASE WHEN attempt >= @max THEN @now ELSE NULL END,
                    available_at = enqueued_at, lease_owner = NULL, lease_until = NULL
                WHERE id IN (SELECT id FROM chosen) AND state = 1
                RETURNING job_id, role, priority, state
                """).With("@now", NowMs).With("@max", _options.MaxAttempts));
            var deltas = new LaneDeltas();
            var count = 0;
            var failed = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var toFailed = reader.GetInt32(3) == ItemState.Failed;
                    deltas.Add(ReadLane(reader, 0), leased: -1, pending: toFailed ? 0 : 1, failed: toFailed ? 1 : 0);
                    count++;
                    failed += toFailed ? 1 : 0;
                }
            }

            await deltas.ApplyAsync(scope, cancellationToken);
            return (count, failed);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<int> ReleaseLeasesOfAsync(string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        var released = await WriteAsync(async scope =>
        {
            await using var command = scope.Command("""
                UPDATE work_items SET state = 0, attempt = attempt - 1, available_at = enqueued_at,
                    lease_owner = NULL, lease_until = NULL
                WHERE state = 1 AND lease_owner = @worker
                RETURNING job_id, role, priority
                """).With("@worker", workerId);
            var deltas = new LaneDeltas();
            var count = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    deltas.Add(ReadLane(reader, 0), leased: -1, pending: 1);
                    count++;
                }
            }

            await deltas.ApplyAsync(scope, cancellationToken);
            return count;
        }, cancellationToken);
        SchedulingLog.LeasesReleased(_logger, workerId, released);
        if (released > 0)
        {
            await AnnounceArrivalAsync();
        }

        return released;
    }

    /// <summary>Leases up to <paramref name="maxItems"/> items; their lanes' counter changes go into <paramref name="deltas"/>.</summary>
    private async Task<IReadOnlyList<WorkItem>> ClaimInScopeAsync(
        SqlScope scope, string workerId, HashSet<string> roles, int maxItems, TimeSpan leaseDuration, LaneDeltas deltas,
        CancellationToken cancellationToken)
    {
        var now = NowMs;
        var lanes = await ReadReadyLanesAsync(scope, roles, maxItems + ExtraLanesPerClaim, cancellationToken);
        var claimed = new List<WorkItem>(maxItems);
        if (lanes.Count == 0)
        {
            return claimed;
        }

        deltas.StartServing(await NextServedSequenceAsync(scope, cancellationToken));

        var until = now + (long)leaseDuration.TotalMilliseconds;
        // Each tenant's lanes by priority level (highest first, as read); the lists persist over the dealing rounds, so
        // the lanes DealAsync rotates and drops stay rotated and dropped when the tenant is dealt to again.
        var tenants = lanes.GroupBy(lane => lane.TenantId, StringComparer.Ordinal)
            .Select(tenant => tenant.GroupBy(lane => lane.Lane.Priority).Select(level => level.ToList()).ToList())
            .ToList();
        await DealAsync(tenants, maxItems, (levels, share) =>
            ClaimForTenantAsync(scope, levels, workerId, share, now, until, claimed, deltas, cancellationToken));

        // The dealing leaves those dealt one extra item at the back of their lists; marking the served lanes again in
        // that order carries it to the next claim, which would otherwise deal the extra to the same lanes again (they
        // were marked first, as they were visited first).
        foreach (var lane in tenants.SelectMany(levels => levels).SelectMany(level => level).Where(lane => deltas.WasServed(lane.Lane)))
        {
            deltas.MarkServed(lane.Lane, lane.TenantId);
        }

        return claimed;
    }

    /// <summary>
    /// Leases up to <paramref name="wanted"/> items of one tenant from its lanes by priority level (<paramref name="levels"/>):
    /// its highest priority first, that level's items shared evenly over its lanes (jobs and roles), the rest from the
    /// next level down. A tenant's priorities rank its own
    /// work; they do not put it ahead of other tenants, who share the workers evenly (see <see cref="DealAsync{T}"/>).
    /// </summary>
    private async Task<int> ClaimForTenantAsync(
        SqlScope scope, List<List<(LaneKey Lane, string TenantId)>> levels, string workerId, int wanted, long now, long until,
        List<WorkItem> claimed, LaneDeltas deltas, CancellationToken cancellationToken)
    {
        var remaining = wanted;
        foreach (var level in levels)
        {
            if (remaining == 0)
            {
                break;
            }

            remaining -= await DealAsync(level, remaining, async (lane, share) =>
            {
                var got = await ClaimFromLaneAsync(scope, lane, workerId, share, now, until, claimed, cancellationToken);
                deltas.Add(lane.Lane, pending: -got, leased: got);
                deltas.MarkServed(lane.Lane, lane.TenantId);
                return got;
            });
        }

        return wanted - remaining;
    }

    /// <summary>
    /// Deals <paramref name="wanted"/> items out over <paramref name="members"/> like cards, in order;
    /// a member that delivers fewer than dealt has run dry and leaves the list; the rest is dealt again.
    /// The list is left rotated so that those dealt one extra come last next time.
    /// </summary>
    private static async Task<int> DealAsync<T>(List<T> members, int wanted, Func<T, int, Task<int>> take)
    {
        var remaining = wanted;
        while (remaining > 0 && members.Count > 0)
        {
            var count = members.Count;
            var each = remaining / count;
            var extra = remaining % count;
            var kept = new List<(int Index, T Member)>(count);
            for (var i = 0; i < count; i++)
            {
                var share = each + (i < extra ? 1 : 0);
                if (share == 0)
                {
                    kept.Add((i, members[i]));
                    continue;
                }

                var got = await take(members[i], share);
                remaining -= got;
                if (got == share)
                {
                    kept.Add((i, members[i]));
                }
            }

            members.Clear();
            members.AddRange(kept.Where(m => m.Index >= extra).Select(m => m.Member));
            members.AddRange(kept.Where(m => m.Index < extra).Select(m => m.Member));
        }

        return wanted - remaining;
    }

    /// <summary>
    /// The ready lanes the worker may serve, in rounds: each tenant's first lane (its highest priority, least recently
    /// served), then each tenant's next one, ...; tenants within a round least recently served first (at any priority).
    /// </summary>
    private async Task<List<(LaneKey Lane, string TenantId)>> ReadReadyLanesAsync(
        SqlScope scope, HashSet<string> roles, int limit, CancellationToken cancellationToken)
    {
        var roleNames = DbCommandExtensions.ParameterNames("role", roles.Count);
        await using var command = scope.Command($"""
            SELECT job_id, role, priority, tenant_id FROM (
                SELECT l.job_id, l.role, l.priority, j.tenant_id,
                    ROW_NUMBER() OVER (PARTITION BY j.tenant_id ORDER BY l.priority DESC, l.last_served, l.job_id, l.role) AS turn,
                    COALESCE(t.last_served, 0) AS tenant_served
                FROM work_lanes l JOIN work_jobs j ON j.job_id = l.job_id
                LEFT JOIN (SELECT tenant_id, MAX(last_served) AS last_served FROM work_tenant_turns GROUP BY tenant_id) t
                    ON t.tenant_id = j.tenant_id
                WHERE l.pending > 0 AND j.status = 0 AND l.role IN ({string.Join(", ", roleNames)})) ready
            ORDER BY turn, tenant_served, tenant_id
            LIMIT @limit
            """);
        command.WithAll(roleNames, roles).With("@limit", limit);
        var lanes = new List<(LaneKey, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lanes.Add((ReadLane(reader, 0), reader.GetString(3)));
        }

        return lanes;
    }

    private static async Task<long> NextServedSequenceAsync(SqlScope scope, CancellationToken cancellationToken)
    {
        await using var command = scope.Command("SELECT COALESCE(MAX(last_served), 0) FROM work_lanes");
        return await command.ScalarInt64Async(cancellationToken) + 1;
    }

    private async Task<int> ClaimFromLaneAsync(
        SqlScope scope, (LaneKey Lane, string TenantId) lane, string workerId, int take, long now, long until,
        List<WorkItem> claimed, CancellationToken cancellationToken)
    {
        await using var command = scope.Command($"""
            WITH picked AS (
                SELECT id FROM work_items
                WHERE job_id = @job AND role = @role AND priority = @priority AND state = 0 AND available_at <= @now
                ORDER BY available_at, id LIMIT @take{ForUpdateSkipLocked})
            UPDATE work_items SET state = 1, attempt = attempt + 1, lease_epoch = lease_epoch + 1,
                lease_owner = @worker, lease_until = @until
            WHERE id IN (SELECT id FROM picked) AND state = 0
            RETURNING id, item_key, kind, payload, attempt, lease_epoch, trace_parent
            """)
            .With("@job", lane.Lane.JobId).With("@role", lane.Lane.Role).With("@priority", lane.Lane.Priority)
            .With("@now", now).With("@take", take).With("@worker", workerId).With("@until", until);
        var start = claimed.Count;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new WorkItem(
                    reader.GetInt64(0), lane.Lane.JobId, lane.TenantId, reader.GetString(2), reader.GetString(1),
                    lane.Lane.Role, reader.GetString(3), lane.Lane.Priority, reader.GetInt32(4), reader.GetInt64(5), FromMs(until),
                    reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }

        var got = claimed.Count - start;
        claimed.Sort(start, got, ItemIdComparer.Instance);
        if (got > 0)
        {
            SchedulingMetrics.Claimed.Add(got, new KeyValuePair<string, object?>("role", lane.Lane.Role));
        }

        return got;
    }

    private sealed class ItemIdComparer : IComparer<WorkItem>
    {
        public static readonly ItemIdComparer Instance = new();

        public int Compare(WorkItem? x, WorkItem? y) => (x?.Id ?? 0).CompareTo(y?.Id ?? 0);
    }
}
