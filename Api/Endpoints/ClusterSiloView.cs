using System.Text.Json.Serialization;
using SampleMind.Runtime.Diagnostics;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// One silo in <c>GET /v1/cluster</c>. Its activation counts are of every tenant's grains, so only the operator (an
/// admin key of the operator tenant, as for the dashboard) gets them; for any other key they are left out.
/// </summary>
/// <param name="SiloId">The silo's id.</param>
/// <param name="Roles">Its roles ("api", "cpu", "gpu").</param>
/// <param name="StartedAt">When it started (UTC), or null before start.</param>
/// <param name="Status">Its status.</param>
/// <param name="TotalActivations">Live activations (grains and observers); operator only.</param>
/// <param name="ActivationsByGrainType">Live activations per grain type; operator only.</param>
public sealed record ClusterSiloView(
    string SiloId,
    IReadOnlyList<string> Roles,
    DateTimeOffset? StartedAt,
    SiloStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TotalActivations,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, int>? ActivationsByGrainType)
{
    /// <summary>The silo as <paramref name="snapshot"/> shows it, with its activation counts when <paramref name="withActivations"/>.</summary>
    public static ClusterSiloView From(SiloSnapshot snapshot, bool withActivations) => new(
        snapshot.SiloId, snapshot.Roles, snapshot.StartedAt, snapshot.Status,
        withActivations ? snapshot.TotalActivations : null,
        withActivations ? snapshot.ActivationsByGrainType : null);
}
