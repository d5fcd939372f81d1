namespace SampleMind.Scheduling.Storage;

/// <summary>
/// Counter changes to apply to lane rows at the end of a transaction, in <see cref="LaneKey"/>
/// order (item rows are always locked before lane rows), then tenant turn rows in (tenant, priority) order.
/// </summary>
internal sealed class LaneDeltas
{
    private const string UpdateSql = """
        UPDATE work_lanes SET
            pending = pending + @pending, leased = leased + @leased, succeeded = succeeded + @succeeded,
            failed = failed + @failed, cancelled = cancelled + @cancelled,
            last_served = CASE WHEN @served > 0 THEN @served ELSE last_served END
        WHERE job_id = @job AND role = @role AND priority = @priority
        """;

    private const string TenantTurnSql = """
        INSERT INTO work_tenant_turns (tenant_id, priority, last_served) VALUES (@tenant, @priority, @served)
        ON CONFLICT (tenant_id, priority) DO UPDATE SET last_served = excluded.last_served
        """;

    private readonly SortedDictionary<LaneKey, Delta> _deltas = [];
    private readonly SortedDictionary<(string TenantId, int Priority), long> _tenantTurns = new(TenantTurnComparer.Instance);
    private long _nextServed;

    /// <summary>Deltas without round-robin bookkeeping.</summary>
    public LaneDeltas()
    {
    }

    /// <summary>Deltas of a claim: lanes it visits take round-robin positions from <paramref name="firstServed"/> on.</summary>
    public LaneDeltas(long firstServed)
    {
        _nextServed = firstServed;
    }

    public bool IsEmpty => _deltas.Count == 0;

    public void Add(LaneKey lane, int pending = 0, int leased = 0, int succeeded = 0, int failed = 0, int cancelled = 0)
    {
        _deltas.TryGetValue(lane, out var delta);
        _deltas[lane] = delta with
        {
            Pending = delta.Pending + pending,
            Leased = delta.Leased + leased,
            Succeeded = delta.Succeeded + succeeded,
            Failed = delta.Failed + failed,
            Cancelled = delta.Cancelled + cancelled,
        };
    }

    /// <summary>
    /// Moves a lane to the back of its priority level, and its tenant to the back of the tenants of that
    /// level, once per claim (in the order lanes were visited).
    /// </summary>
    public void MarkServed(LaneKey lane, string tenantId)
    {
        _deltas.TryGetValue(lane, out var delta);
        if (delta.Served == 0)
        {
            _deltas[lane] = delta with { Served = _nextServed };
            _tenantTurns.TryAdd((tenantId, lane.Priority), _nextServed);
            _nextServed++;
        }
    }

    public async Task ApplyAsync(SqlScope scope, CancellationToken cancellationToken)
    {
        foreach (var (lane, delta) in _deltas)
        {
            await using var command = scope.Command(UpdateSql)
                .With("@pending", (long)delta.Pending).With("@leased", (long)delta.Leased)
                .With("@succeeded", (long)delta.Succeeded).With("@failed", (long)delta.Failed)
                .With("@cancelled", (long)delta.Cancelled).With("@served", delta.Served)
                .With("@job", lane.JobId).With("@role", lane.Role).With("@priority", lane.Priority);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var ((tenantId, priority), served) in _tenantTurns)
        {
            await using var command = scope.Command(TenantTurnSql)
                .With("@tenant", tenantId).With("@priority", priority).With("@served", served);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private sealed class TenantTurnComparer : IComparer<(string TenantId, int Priority)>
    {
        public static readonly TenantTurnComparer Instance = new();

        public int Compare((string TenantId, int Priority) x, (string TenantId, int Priority) y)
        {
            var byTenant = string.CompareOrdinal(x.TenantId, y.TenantId);
            return byTenant != 0 ? byTenant : x.Priority.CompareTo(y.Priority);
        }
    }

    private readonly record struct Delta(int Pending, int Leased, int Succeeded, int Failed, int Cancelled, long Served);
}
