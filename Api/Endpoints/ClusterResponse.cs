namespace SampleMind.Api.Endpoints;

/// <summary>Body of <c>GET /v1/cluster</c>.</summary>
/// <param name="Mode">"embedded" (one process, all roles) or "cluster".</param>
/// <param name="LocalSilo">The silo that answered.</param>
/// <param name="Silos">The answering silo first, then the other live ones; activation counts for the operator only.</param>
public sealed record ClusterResponse(string Mode, string LocalSilo, IReadOnlyList<ClusterSiloView> Silos);
