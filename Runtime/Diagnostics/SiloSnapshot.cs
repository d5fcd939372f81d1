namespace SampleMind.Runtime.Diagnostics;

/// <summary>One silo as <c>GET /v1/cluster</c> shows it.</summary>
/// <param name="SiloId">The silo's id.</param>
/// <param name="Roles">Its roles ("api", "cpu", "gpu").</param>
/// <param name="StartedAt">When it started (UTC), or null before start.</param>
/// <param name="Status">Its status.</param>
/// <param name="TotalActivations">Live activations (grains and observers).</param>
/// <param name="ActivationsByGrainType">Live activations per grain type.</param>
public sealed record SiloSnapshot(
    string SiloId,
    IReadOnlyList<string> Roles,
    DateTimeOffset? StartedAt,
    SiloStatus Status,
    int TotalActivations,
    IReadOnlyDictionary<string, int> ActivationsByGrainType);
