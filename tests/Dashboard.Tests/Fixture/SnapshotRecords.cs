namespace SampleMind.Dashboard.Tests.Fixture;

// The DashboardSnapshot of docs/dashboard-contract.md, as the fixture server serialises it
// (System.Text.Json web defaults: camelCase names).

internal sealed record DashboardSnapshot(
    DateTimeOffset Time,
    string Mode,
    IReadOnlyList<SiloInfo> Silos,
    IReadOnlyList<MembershipChange> MembershipChanges,
    IReadOnlyList<GrainStats> Grains,
    IReadOnlyList<MethodStats> SlowestMethods,
    IReadOnlyList<QueueStats> Queues,
    IReadOnlyList<SetAsideItem> SetAside,
    IReadOnlyList<JobInfo> Jobs,
    JobTotals JobTotals,
    IReadOnlyList<SessionInfo> Sessions,
    IReadOnlyList<GpuInfo> Gpu,
    HistoryInfo History,
    IReadOnlyList<string> Stale);

internal sealed record SiloInfo(
    string Id, string Address, IReadOnlyList<string> Roles, string Status, DateTimeOffset StartedAt,
    double UptimeSeconds, double CpuPercent, double MemoryMb, IReadOnlyDictionary<string, int> Partitions,
    int Activations);

internal sealed record MembershipChange(DateTimeOffset Time, string SiloId, string Change, string? Detail);

internal sealed record GrainStats(
    string GrainType, string SiloId, int Activations, double CallsPerSecond, double P50Ms, double P99Ms, double ErrorRate);

internal sealed record MethodStats(string GrainType, string Method, double P99Ms, long Calls);

internal sealed record QueueStats(string Role, int Pending, int Leased, double OldestAgeSeconds, double ItemsPerSecond);

internal sealed record SetAsideItem(string JobId, string ItemKey, string Error, int Attempts);

internal sealed record JobInfo(
    string JobId, string TenantId, string LibraryId, string State, int Listed, int Succeeded, int Failed,
    int Duplicates, double FilesPerSecond, double? EtaSeconds);

/// <summary>Every job's totals, not only the listed rows'.</summary>
internal sealed record JobTotals(int Running, int Paused, int ActiveNotShown, long Failed);

internal sealed record SessionInfo(string SessionId, string LibraryId, int Participants, double OpsPerSecond, long Revision);

internal sealed record GpuInfo(
    string SiloId, string Device, bool CpuFallback, double Utilisation, int BatchSize, string Model, double ItemsPerSecond);

/// <summary>Last hour, one point per 10 s; each point is [unixSeconds, value].</summary>
internal sealed record HistoryInfo(
    IReadOnlyList<double[]> CallsPerSecond, IReadOnlyList<double[]> P99Ms, IReadOnlyList<double[]> QueueDepth);
