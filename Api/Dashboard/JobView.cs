namespace SampleMind.Api.Dashboard;

/// <summary>A job's progress row.</summary>
public sealed record JobView(
    string JobId, string TenantId, string LibraryId, string State, long Listed, long Succeeded, long Failed, long Duplicates,
    double FilesPerSecond, double? EtaSeconds);
