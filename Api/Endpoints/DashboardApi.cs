using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Api.Auth;
using SampleMind.Api.Dashboard;
using SampleMind.Api.Metrics;
using SampleMind.Runtime;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// The operator dashboard's data (an admin key of the operator tenant): one snapshot, or a stream of them about once a
/// second; and <c>/metrics</c> in Prometheus text format.
/// </summary>
internal static class DashboardApi
{
    private static readonly TimeSpan s_streamInterval = TimeSpan.FromSeconds(1);

    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/dashboard").WithTags("Dashboard").RequireOperator();
        group.MapGet("/snapshot", GetSnapshot).WithSummary("Silos, grains, queues, jobs, sessions, GPU silos and the last hour's charts");
        group.MapGet("/stream", Stream).WithSummary("The snapshot as Server-Sent Events (event: snapshot), about once a second");
        return v1;
    }

    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (MetricsCollector metrics) => TypedResults.Text(PrometheusText.Write(metrics), PrometheusText.ContentType))
            .WithTags("Cluster").WithSummary("Every runtime and domain metric in Prometheus text format")
            .Produces<string>(StatusCodes.Status200OK, PrometheusText.ContentType).RequireOperator().RefuseUnknownQueryParameters()
            .AnswersHead();
        return app;
    }

    internal static async Task<Ok<DashboardSnapshot>> GetSnapshot(HttpContext context, DashboardSnapshotBuilder builder, CancellationToken cancellationToken)
    {
        // It names every tenant's files and errors: no cache keeps a copy.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await builder.BuildAsync(cancellationToken));
    }

    internal static ServerSentEventsResult<DashboardSnapshot> Stream(
        HttpContext context, DashboardSnapshotBuilder builder, IGrainFactory grains, TimeProvider time, IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.ServerSentEvents(Snapshots(context.Request, builder, grains, time, lifetime.ApplicationStopping, cancellationToken), "snapshot");
    }

    /// <summary>
    /// A snapshot a second while the key still verifies (checked before each: a revoked key's stream ends within a
    /// second) and until the host stops (an open dashboard must not hold a graceful stop to its timeout). The page
    /// reconnects when the stream ends and then meets the 401 or the next silo.
    /// </summary>
    private static async IAsyncEnumerable<DashboardSnapshot> Snapshots(
        HttpRequest request, DashboardSnapshotBuilder builder, IGrainFactory grains, TimeProvider time, CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        while (!ended.IsCancellationRequested && await ApiKeyAuthenticationHandler.StillOperatorAsync(request, grains))
        {
            yield return await builder.BuildAsync(ended.Token);
            try
            {
                await Task.Delay(s_streamInterval, time, ended.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                yield break;
            }
        }
    }
}
