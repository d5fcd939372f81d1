namespace SampleMind.Runtime.Diagnostics;

/// <summary>What the cluster looks like from this silo (embedded mode: this silo alone).</summary>
public interface IClusterDiagnostics
{
    /// <summary>This silo.</summary>
    SiloSnapshot GetLocalSilo();

    /// <summary>
    /// Why this running silo cannot serve calls just now, as a sentence (the readiness probe's detail), or null when it
    /// can. Cluster mode: while it does not reach the cluster database (its last heartbeat and lease renewal failed,
    /// or none succeeded within the lease duration). Embedded mode: always null.
    /// </summary>
    string? GetUnavailableReason();

    /// <summary>Every silo known to this one.</summary>
    IReadOnlyList<SiloSnapshot> GetSilos();

    /// <summary>
    /// Cluster mode: every live silo's published CPU, memory and partition counts, and the latest
    /// membership events, from PostgreSQL (read at most once a second, shared by all callers).
    /// Embedded mode: <see cref="ClusterFigures.Empty"/>.
    /// </summary>
    ValueTask<ClusterFigures> GetFiguresAsync(CancellationToken cancellationToken);
}
