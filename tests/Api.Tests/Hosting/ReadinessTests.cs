using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Api.Endpoints;
using SampleMind.Api.Errors;
using SampleMind.Runtime.Diagnostics;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// <c>/v1/health/ready</c>: a running silo that the cluster diagnostics call unavailable (in cluster mode, one that
/// cannot reach its database) is a 503 not-ready problem with <c>Retry-After</c> and the reason as its detail, so a
/// load balancer stops routing to a silo that serves nothing; joining and draining stay 503 as before.
/// </summary>
public sealed class ReadinessTests
{
    private const string Unreachable = "The silo cannot reach the cluster database: no heartbeat or lease renewal succeeded just now (lease 00:00:15).";

    [Fact]
    public void A_running_silo_that_cannot_reach_its_database_is_not_ready_with_retry_after()
    {
        var context = new DefaultHttpContext();

        var result = ClusterApi.GetReady(new FakeCluster(SiloStatus.Running, Unreachable), TimeProvider.System, context);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.StatusCode);
        Assert.Equal(ProblemTypes.NotReady, problem.ProblemDetails.Type);
        Assert.Equal(Unreachable, problem.ProblemDetails.Detail);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public void A_running_silo_that_serves_is_ready()
    {
        var context = new DefaultHttpContext();

        var result = ClusterApi.GetReady(new FakeCluster(SiloStatus.Running, null), TimeProvider.System, context);

        Assert.Equal("ready", Assert.IsType<Ok<HealthResponse>>(result.Result).Value!.Status);
        Assert.Equal(0, context.Response.Headers.RetryAfter.Count);
    }

    [Fact]
    public void A_draining_silo_is_not_ready_whatever_its_database()
    {
        var result = ClusterApi.GetReady(new FakeCluster(SiloStatus.Draining, null), TimeProvider.System, new DefaultHttpContext());

        Assert.Equal("The silo is draining.", Assert.IsType<ProblemHttpResult>(result.Result).ProblemDetails.Detail);
    }

    private sealed class FakeCluster(SiloStatus status, string? unavailable) : IClusterDiagnostics
    {
        public SiloSnapshot GetLocalSilo() => new("silo-1", ["api"], DateTimeOffset.UnixEpoch, status, 0, new Dictionary<string, int>());

        public string? GetUnavailableReason() => unavailable;

        public IReadOnlyList<SiloSnapshot> GetSilos() => [GetLocalSilo()];

        public ValueTask<ClusterFigures> GetFiguresAsync(CancellationToken cancellationToken) => ValueTask.FromResult(ClusterFigures.Empty);
    }
}
