using System.Net;
using System.Text.Json.Nodes;
using SampleMind.TestSupport;

namespace SampleMind.EndToEnd.Tests;

/// <summary>
/// Readiness of a real API host process in a 2-silo cluster: a graceful stop (SIGTERM) turns
/// <c>/v1/health/ready</c> to 503 (the silo is draining) while the process still runs and answers
/// <c>/v1/health/live</c>, for <c>Silo:DrainDelay</c>, before it hands its partitions off and exits.
/// </summary>
public sealed class ClusterReadinessTests
{
    [Fact]
    public async Task A_stopping_silo_is_not_ready_but_live_until_it_exits()
    {
        await using var cluster = await ApiClusterProcesses.StartAsync(new ApiClusterOptions
        {
            Silos = 2,
            // Long enough that polling sees the drain on a loaded machine; the stop then completes on its own.
            Settings = { ["Silo:DrainDelay"] = "00:00:06" },
        });
        try
        {
            using var stopping = new HttpClient { BaseAddress = cluster.Silos[1].Address, Timeout = TimeSpan.FromSeconds(5) };
            using var other = new HttpClient { BaseAddress = cluster.Silos[0].Address, Timeout = TimeSpan.FromSeconds(5) };
            Assert.Equal(HttpStatusCode.OK, (await stopping.GetAsync("/v1/health/ready")).StatusCode);

            var stop = cluster.StopAsync(1);
            HttpResponseMessage? ready = null;
            await Eventually.HoldsAsync(async () =>
            {
                ready = await stopping.GetAsync("/v1/health/ready");
                return ready.StatusCode == HttpStatusCode.ServiceUnavailable;
            }, TimeSpan.FromSeconds(30), "silo-1 to answer 503 on /v1/health/ready after SIGTERM");

            var live = await stopping.GetAsync("/v1/health/live");
            Assert.True(cluster.Silos[1].IsRunning, "silo-1 exited before its drain was seen");
            Assert.False(stop.IsCompleted);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            var problem = JsonNode.Parse(await ready!.Content.ReadAsStringAsync())!;
            Assert.Equal("The silo is draining.", problem["detail"]!.GetValue<string>());
            Assert.Equal("application/problem+json", ready.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/v1/health/ready")).StatusCode);

            await stop;
            Assert.False(cluster.Silos[1].IsRunning);
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/v1/health/ready")).StatusCode);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException(e.Message + "\n" + cluster.Output(), e);
        }
    }
}
