namespace SampleMind.Api.Dashboard;

/// <summary>Everything the operator dashboard shows, in one document (docs/dashboard-contract.md).</summary>
public sealed record DashboardSnapshot(
    DateTimeOffset Time,
    string Mode,
    IReadOnlyList<SiloView> Silos,
    IReadOnlyList<MembershipChangeView> MembershipChanges,
    IReadOnlyList<GrainTypeView> Grains,
    IReadOnlyList<SlowMethodView> SlowestMethods,
    IReadOnlyList<QueueView> Queues,
    IReadOnlyList<SetAsideView> SetAside,
    IReadOnlyList<JobView> Jobs,
    JobTotalsView JobTotals,
    IReadOnlyList<SessionView> Sessions,
    IReadOnlyList<GpuView> Gpu,
    HistoryView History,
    IReadOnlyList<string> Stale);
