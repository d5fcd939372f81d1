namespace SampleMind.Scheduling.Storage;

/// <summary>
/// Counter changes to apply to lane rows at the end of a transaction, in <see cref="LaneKey"/>
/// order (item rows are always locked before lane rows), then tenant turn rows in (tenant, priority) order,
/// then job tallies in (job, name) order.
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

    private const string UpsertTallySql = """
        INSERT INTO work_tallies (job_id, name, value) VALUES (@job, @name, @value)
        ON CONFLICT (job_id, name) DO UPDATE SET value = work_tallies.value + excluded.value
        """;

    private const string TenantTurnSql = """
        INSERT INTO work_tenant_turns (tenant_id, priority, last_served) VALUES (@tenant, @priority, @served)
        ON CONFLICT (tenant_id, priority) DO UPDATE SET last_served = excluded.last_served
        """;

    private readonly SortedDictionary<LaneKey, Delta> _deltas = [];
    private readonly SortedDictionary<(string TenantId, int Priority), long> _tenantTurns = new(TenantTurnComparer.Instance);
    private readonly SortedDictionary<(string JobId, string Name), double> _tallies = new(TallyComparer.Instance);
    private long _nextServed;

    public bool IsEmpty => _deltas.Count == 0;

    /// <summary>
    /// Lanes a claim visits from now on take round-robin positions from <paramref name="firstServed"/> on (deltas made
    /// for completions first and for a claim in the same transaction after them).
    /// </summary>
    public void StartServing(long firstServed) => _nextServed = firstServed;

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
    /// Moves a lane to the back of its tenant's lanes, and its tenant to the back of the tenants; marked again, it moves
    /// behind everything marked before it, so the order of the last marks is the order of the next claim.
    /// </summary>
    public void MarkServed(LaneKey lane, string tenantId)
    {
        _deltas.TryGetValue(lane, out var delta);
        _deltas[lane] = delta with { Served = _nextServed };
        _tenantTurns[(tenantId, lane.Priority)] = _nextServed;
        _nextServed++;
    }

    /// <summary>True when <see cref="MarkServed"/> marked the lane in this claim.</summary>
    public bool WasServed(LaneKey lane) => _deltas.TryGetValue(lane, out var delta) && delta.Served != 0;

    /// <summary>
    /// Tallies of a job to add after the lane rows (a completion's audio seconds, duplicates, ...), in name order.
    /// </summary>
    public void AddTallies(string jobId, IReadOnlyDictionary<string, double>? tallies)
    {
        if (tallies is null)
        {
            return;
        }

        foreach (var (name, value) in tallies)
        {
            _tallies[(jobId, name)] = _tallies.GetValueOrDefault((jobId, name)) + value;
        }
    }

    /// <summary>
    /// Writes the lane rows, then the tenant turns, then the tallies: the rows every claim and completion of a job
    /// updates, so they go last in the transaction and, on PostgreSQL, in one round trip (one batch), which keeps
    /// the time their locks are held to that round trip and the commit.
    /// </summary>
    public Task ApplyAsync(SqlScope scope, CancellationToken cancellationToken)
    {
        var statements = new List<SqlStatement>(_deltas.Count + _tenantTurns.Count + _tallies.Count);
        foreach (var (lane, delta) in _deltas)
        {
            statements.Add(new SqlStatement(UpdateSql,
            [
                ("@pending", (long)delta.Pending), ("@leased", (long)delta.Leased), ("@succeeded", (long)delta.Succeeded),
                ("@failed", (long)delta.Failed), ("@cancelled", (long)delta.Cancelled), ("@served", delta.Served),
                ("@job", lane.JobId), ("@role", lane.Role), ("@priority", lane.Priority),
            ]));
        }

        foreach (var ((tenantId, priority), served) in _tenantTurns)
        {
            statements.Add(new SqlStatement(TenantTurnSql, [("@tenant", tenantId), ("@priority", priority), ("@served", served)]));
        }

        foreach (var ((jobId, name), value) in _tallies)
        {
            statements.Add(new SqlStatement(UpsertTallySql, [("@job", jobId), ("@name", name), ("@value", value)]));
        }

        return scope.ExecuteAllAsync(statements, cancellationToken);
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

    private sealed class TallyComparer : IComparer<(string JobId, string Name)>
    {
        public static readonly TallyComparer Instance = new();

        public int Compare((string JobId, string Name) x, (string JobId, string Name) y)
        {
            var byJob = string.CompareOrdinal(x.JobId, y.JobId);
            return byJob != 0 ? byJob : string.CompareOrdinal(x.Name, y.Name);
        }
    }

    private readonly record struct Delta(int Pending, int Leased, int Succeeded, int Failed, int Cancelled, long Served);
}
