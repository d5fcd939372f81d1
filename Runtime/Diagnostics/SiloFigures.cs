namespace SampleMind.Runtime.Diagnostics;

/// <summary>One live silo's row of the membership table and the partitions it holds.</summary>
/// <param name="SiloId">The silo's id.</param>
/// <param name="Instance">Its current incarnation ("siloId@incarnation").</param>
/// <param name="Address">Its silo-to-silo address.</param>
/// <param name="CpuPercent">Its CPU share (percent of all its cores) as of its last heartbeat, or null when not published yet.</param>
/// <param name="WorkingSetBytes">Its working set as of its last heartbeat, or null when not published yet.</param>
/// <param name="StatsAt">When it last published those figures (database clock), or null.</param>
/// <param name="Partitions">Unexpired partition leases it holds, counted per ring ("any", "api", "cpu", "gpu"); rings with none are absent.</param>
public sealed record SiloFigures(
    string SiloId,
    string Instance,
    string Address,
    double? CpuPercent,
    long? WorkingSetBytes,
    DateTimeOffset? StatsAt,
    IReadOnlyDictionary<string, int> Partitions);
