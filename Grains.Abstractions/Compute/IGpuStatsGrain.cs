using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Compute;

/// <summary>
/// The latest figures of every gpu-role silo, for the dashboard (key: <see cref="GpuStats.ClusterKey"/>).
/// Held in memory: silos report every few seconds, and a silo silent for <see cref="GpuStats.StaleAfter"/> is dropped.
/// </summary>
public interface IGpuStatsGrain : IGrainWithStringKey
{
    /// <summary>Replaces the silo's previous report.</summary>
    Task Report(GpuSiloStats stats);

    /// <summary>Every silo's latest report that is not stale, by silo id.</summary>
    Task<IReadOnlyList<GpuSiloStats>> GetAll();
}

/// <summary>Constants of <see cref="IGpuStatsGrain"/>.</summary>
public static class GpuStats
{
    /// <summary>The one key the grain is used with.</summary>
    public const string ClusterKey = "cluster";

    /// <summary>How long a silo's last report is shown without a newer one.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);
}
