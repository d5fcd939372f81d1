namespace SampleMind.Runtime.Diagnostics;

/// <summary>What the cluster looks like from this silo (embedded mode: this silo alone).</summary>
public interface IClusterDiagnostics
{
    /// <summary>This silo.</summary>
    SiloSnapshot GetLocalSilo();

    /// <summary>Every silo known to this one.</summary>
    IReadOnlyList<SiloSnapshot> GetSilos();

    /// <summary>
    /// Cluster mode: every live silo's published CPU, memory and partition counts, and the latest
    /// membership events, from PostgreSQL (read at most once a second, shared by all callers).
    /// Embedded mode: <see cref="ClusterFigures.Empty"/>.
    /// </summary>
    ValueTask<ClusterFigures> GetFiguresAsync(CancellationToken cancellationToken);
}
