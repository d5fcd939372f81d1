using Microsoft.AspNetCore.Http.HttpResults;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// <c>GET /v1/health</c> (no key needed): is this silo up and serving. <c>GET /v1/cluster</c>
/// (read scope): silos, roles and activations by grain type.
/// </summary>
internal static class HealthApi
{
    public static RouteGroupBuilder MapHealthApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/health", GetHealth).WithTags("Cluster").WithSummary("Liveness of this silo").AllowAnonymous().DisableRateLimiting();
        return v1;
    }

    internal static Ok<HealthResponse> GetHealth(TimeProvider time) =>
        TypedResults.Ok(new HealthResponse("ok", time.GetUtcNow()));
}
