using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using SampleMind.Api.Tests.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Webhooks;

/// <summary>A retry pending when the host stops is made by the next host on the same data directory.</summary>
public sealed class WebhookRestartTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_retry_pending_at_shutdown_is_delivered_after_a_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var url = receiver.Url("restart", 500);
        var dir = Directory.CreateDirectory(Path.Combine(factory.IngestRoot, "restart")).FullName;
        WavWriter.Sine(Path.Combine(dir, "t.wav"), 440, 0.5);
        string jobId;

        // The first host's retry waits 10 s: long enough to stop the host before it is due.
        await using (var first = Host("00:00:10"))
        {
            using var client = factory.CreateAdminClient(first);
            var response = await client.PostAsJsonAsync("/v1/libraries/restart/ingests",
                new { source = new { kind = "directory", path = dir }, level = "fast", webhookUrl = url });
            jobId = (await ApiJson.ReadAsync(response))["jobId"]!.GetValue<string>();
            await Eventually.HoldsAsync(async () => (await LogAsync(client, jobId))["attempts"]?.AsArray().Count == 1, s_timeout,
                "the first (failing) attempt to be logged");
        }

        Assert.Single(receiver.Received("restart"));
        await using var second = Host("00:00:10");
        using var again = factory.CreateAdminClient(second);
        JsonNode log = new JsonObject();
        await Eventually.HoldsAsync(async () => (log = await LogAsync(again, jobId))["events"]![0]!["state"]!.GetValue<string>() == "Delivered",
            s_timeout, "the retry to be delivered by the restarted host");

        var received = receiver.Received("restart");
        Assert.Equal(2, received.Count);
        Assert.Equal(received[0].Headers["SampleMind-Event-Id"], received[1].Headers["SampleMind-Event-Id"]);
        Assert.Equal(["500", "200"], log["attempts"]!.AsArray().Select(a => a!["statusCode"]!.ToString()));
    }

    private WebApplicationFactory<Program> Host(string firstRetryDelay) =>
        factory.WithWebHostBuilder(builder => builder
            .UseSetting("Webhooks:FirstRetryDelay", firstRetryDelay)
            .UseSetting("Webhooks:AllowPrivateNetworks", "true"));

    private static async Task<JsonNode> LogAsync(HttpClient client, string jobId) =>
        await ApiJson.ReadAsync(await client.GetAsync($"/v1/jobs/{jobId}/webhooks"));
}
