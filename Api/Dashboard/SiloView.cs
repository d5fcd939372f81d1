namespace SampleMind.Api.Dashboard;

/// <summary>A silo's row.</summary>
public sealed record SiloView(
    string Id, string Address, IReadOnlyList<string> Roles, string Status, DateTimeOffset StartedAt, double UptimeSeconds,
    double CpuPercent, double MemoryMb, IReadOnlyDictionary<string, int> Partitions, long Activations);
