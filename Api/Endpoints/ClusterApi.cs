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
/// calls; 503 while starting or draining, and in cluster mode while it cannot reach its database).
/// </summary>
internal static class ClusterApi
{
    public static RouteGroupBuilder MapClusterApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/cluster", GetCluster).WithTags("Cluster")
            .WithSummary("Silos and roles; activations by grain type for an admin key of the operator tenant").RequireScope(ApiScope.Read);
        v1.MapGet("/health/live", () => TypedResults.Ok(new HealthResponse("live", DateTimeOffset.UtcNow)))
            .WithTags("Cluster").WithSummary("Liveness probe").AllowAnonymous().DisableRateLimiting();
        v1.MapGet("/health/ready", GetReady).WithTags("Cluster").WithSummary("Readiness probe: 503 while joining, draining or cut off from the database").AllowAnonymous()
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

    /// <summary>The <c>Retry-After</c> of a silo that cannot reach its database: the next heartbeat tick tries again.</summary>
    private const string UnreachableRetryAfterSeconds = "2";

    internal static Results<Ok<HealthResponse>, ProblemHttpResult> GetReady(IClusterDiagnostics cluster, TimeProvider time, HttpContext context)
    {
        var status = cluster.GetLocalSilo().Status;
        if (status != SiloStatus.Running)
        {
            return NotReady($"The silo is {status.ToString().ToLowerInvariant()}.");
        }

        if (cluster.GetUnavailableReason() is { } reason)
        {
            context.Response.Headers.RetryAfter = UnreachableRetryAfterSeconds;
            return NotReady(reason);
        }

        return TypedResults.Ok(new HealthResponse("ready", time.GetUtcNow()));
    }

    private static ProblemHttpResult NotReady(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", type: Errors.ProblemTypes.NotReady);
}
