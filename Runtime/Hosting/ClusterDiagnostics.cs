using SampleMind.Runtime.Diagnostics;

namespace SampleMind.Runtime.Hosting;

/// <summary>Embedded mode: the cluster is this silo.</summary>
internal sealed class ClusterDiagnostics(SiloRuntime runtime) : IClusterDiagnostics
{
    public SiloSnapshot GetLocalSilo()
    {
        var counts = runtime.Metrics.ActivationCounts();
        return new SiloSnapshot(runtime.Options.SiloId, runtime.Options.EffectiveRoles, runtime.StartedAt, runtime.Status,
            runtime.Catalog.Count, counts);
    }

    public string? GetUnavailableReason() => null;

    public IReadOnlyList<SiloSnapshot> GetSilos() => [GetLocalSilo()];

    public ValueTask<ClusterFigures> GetFiguresAsync(CancellationToken cancellationToken) => ValueTask.FromResult(ClusterFigures.Empty);
}
