namespace SampleMind.Runtime.Diagnostics;

/// <summary>What the cluster looks like from this silo (embedded mode: this silo alone).</summary>
public interface IClusterDiagnostics
{
    /// <summary>This silo.</summary>
    SiloSnapshot GetLocalSilo();

    /// <summary>Every silo known to this one.</summary>
    IReadOnlyList<SiloSnapshot> GetSilos();
}
