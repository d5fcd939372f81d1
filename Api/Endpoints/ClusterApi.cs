using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Api.Auth;
using SampleMind.Grains.Abstractions.Tenants;
using Microsoft.Extensions.Options;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Diagnostics;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// <c>GET /v1/cluster</c> (read scope): silos and roles, with activations by grain type for the operator; and the
/// probes: <c>/v1/health/live</c> (the process answers) and <c>/v1/health/ready</c> (the silo serves
/// calls; 503 while starting or draining).
/// </summary>
internal static class ClusterApi
{
    public static RouteGroupBuilder MapClusterApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/cluster", GetCluster).WithTags("Cluster")
            .WithSummary("Silos and roles; activations by grain type for an admin key of the operator tenant").RequireScope(ApiScope.Read);
        v1.MapGet("/health/live", () => TypedResults.Ok(new HealthResponse("live", DateTimeOffset.UtcNow)))
            .WithTags("Cluster").WithSummary("Liveness probe").AllowAnonymous().DisableRateLimiting();
        v1.MapGet("/health/ready", GetReady).WithTags("Cluster").WithSummary("Readiness probe: 503 while joining or draining").AllowAnonymous()
            .DisableRateLimiting();
        return v1;
    }

    /// <summary>
    /// The silos; their activation counts (every tenant's grains: a session another tenant opens shows in them) only
    /// for the operator, as the dashboard, and the membership alone for any other key.
    /// </summary>
    internal static Ok<ClusterResponse> GetCluster(HttpContext context, IClusterDiagnostics cluster, IOptions<ClusterOptions> options)
    {
        var operatorKey = ScopePolicies.IsOperatorKey(context.User.HasScope(ApiScope.Admin), context.User.GetTenantId());
        return TypedResults.Ok(new ClusterResponse(options.Value.IsCluster ? "cluster" : "embedded", cluster.GetLocalSilo().SiloId,
            [.. cluster.GetSilos().Select(s => ClusterSiloView.From(s, operatorKey))]));
    }

    internal static Results<Ok<HealthResponse>, ProblemHttpResult> GetReady(IClusterDiagnostics cluster, TimeProvider time)
    {
        var status = cluster.GetLocalSilo().Status;
        return status == SiloStatus.Running
            ? TypedResults.Ok(new HealthResponse("ready", time.GetUtcNow()))
            : TypedResults.Problem($"The silo is {status.ToString().ToLowerInvariant()}.", statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Not ready", type: Errors.ProblemTypes.NotReady);
    }
}
