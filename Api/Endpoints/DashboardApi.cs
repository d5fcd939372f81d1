using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Api.Auth;
using SampleMind.Api.Dashboard;
using SampleMind.Api.Metrics;
using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// The operator dashboard's data (admin scope): one snapshot, or a stream of them about once a
/// second; and <c>/metrics</c> in Prometheus text format.
/// </summary>
internal static class DashboardApi
{
    private static readonly TimeSpan s_streamInterval = TimeSpan.FromSeconds(1);

    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/dashboard").WithTags("Dashboard").RequireScope(ApiScope.Admin);
        group.MapGet("/snapshot", GetSnapshot).WithSummary("Silos, grains, queues, jobs, sessions, GPU silos and the last hour's charts");
        group.MapGet("/stream", Stream).WithSummary("The snapshot as Server-Sent Events (event: snapshot), about once a second");
        return v1;
    }

    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (MetricsCollector metrics) => TypedResults.Text(PrometheusText.Write(metrics), PrometheusText.ContentType))
            .WithTags("Cluster").WithSummary("Every runtime and domain metric in Prometheus text format").RequireScope(ApiScope.Admin);
        return app;
    }

    internal static async Task<Ok<DashboardSnapshot>> GetSnapshot(DashboardSnapshotBuilder builder, CancellationToken cancellationToken) =>
        TypedResults.Ok(await builder.BuildAsync(cancellationToken));

    internal static ServerSentEventsResult<DashboardSnapshot> Stream(
        DashboardSnapshotBuilder builder, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(Snapshots(builder, time, cancellationToken), "snapshot");

    private static async IAsyncEnumerable<DashboardSnapshot> Snapshots(
        DashboardSnapshotBuilder builder, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            yield return await builder.BuildAsync(cancellationToken);
            await Task.Delay(s_streamInterval, time, cancellationToken);
        }
    }
}
