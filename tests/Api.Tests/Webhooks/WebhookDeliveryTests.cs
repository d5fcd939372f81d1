using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SampleMind.Api.Tests.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Webhooks;

public sealed class WebhookDeliveryTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_finished_job_delivers_one_event_signed_with_the_tenants_secret()
    {
        var client = fixture.CreateAdminClient();
        var url = fixture.Receiver.Url("once");

        var jobId = await StartAsync(client, "hooked", url, files: 2);
        await ApiJson.WaitForJobAsync(client, jobId, s_timeout);
        var log = await WaitForDeliveryAsync(client, jobId, "Delivered");

        var received = Assert.Single(fixture.Receiver.Received("once"));
        var secret = (await ApiJson.ReadAsync(await client.GetAsync("/v1/tenants/admin/webhook-secret")))["secret"]!.GetValue<string>();
        AssertSigned(received, secret);
        var body = JsonNode.Parse(received.Body)!;
        Assert.Equal("job.completed", body["type"]!.GetValue<string>());
        Assert.Equal(received.Headers["SampleMind-Event-Id"], body["id"]!.GetValue<string>());
        Assert.Equal(jobId, body["data"]!["jobId"]!.GetValue<string>());
        Assert.Equal("admin", body["data"]!["tenantId"]!.GetValue<string>());
        Assert.Equal("hooked", body["data"]!["libraryId"]!.GetValue<string>());
        Assert.Equal("Completed", body["data"]!["state"]!.GetValue<string>());
        Assert.Equal(2, body["data"]!["succeeded"]!.GetValue<long>());
        var attempt = Assert.Single(log["attempts"]!.AsArray())!;
        Assert.Equal(200, attempt["statusCode"]!.GetValue<int>());
        Assert.Equal(1, attempt["number"]!.GetValue<int>());
        Assert.Null(attempt["nextRetryAt"]);
    }

    [Fact]
    public async Task A_receiver_failing_twice_gets_three_attempts_with_doubling_delays_shown_in_the_log()
    {
        var client = fixture.CreateAdminClient();
        var url = fixture.Receiver.Url("flaky", 500, 302);

        var jobId = await StartAsync(client, "flaky", url, files: 1);
        var log = await WaitForDeliveryAsync(client, jobId, "Delivered");

        var attempts = log["attempts"]!.AsArray().Select(a => a!).ToList();
        Assert.Equal([1, 2, 3], attempts.Select(a => a["number"]!.GetValue<int>()));
        Assert.Equal([500, 302, 200], attempts.Select(a => a["statusCode"]!.GetValue<int>()));
        Assert.StartsWith("HTTP 500", attempts[0]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        // Before, only "HTTP 302": not that the redirect was not followed.
        Assert.StartsWith("HTTP 302 (redirects are not followed", attempts[1]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        for (var i = 0; i < 2; i++)
        {
            // The backoff is counted from the end of the failed attempt: first delay, then twice that.
            var at = Time(attempts[i]["at"]);
            var next = Time(attempts[i]["nextRetryAt"]);
            var waited = (next - at).TotalMilliseconds - attempts[i]["durationMs"]!.GetValue<double>();
            Assert.InRange(waited, (WebhookFixture.FirstRetryDelay.TotalMilliseconds * (1 << i)) - 0.2, (WebhookFixture.FirstRetryDelay.TotalMilliseconds * (1 << i)) + 0.2);
            Assert.True(Time(attempts[i + 1]["at"]) >= next, $"attempt {i + 2} was not sent before its retry time");
        }

        var received = fixture.Receiver.Received("flaky");
        Assert.Equal(3, received.Count);
        Assert.Single(received.Select(r => r.Headers["SampleMind-Event-Id"]).Distinct());
        Assert.Single(received.Select(r => r.Body).Distinct());
        Assert.Equal(["1", "2", "3"], received.Select(r => r.Headers["SampleMind-Attempt"]));
        var evt = Assert.Single(log["events"]!.AsArray())!;
        Assert.Equal(3, evt["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_failed_connection_is_logged_with_its_cause()
    {
        var client = fixture.CreateAdminClient();
        // https to a plain-http receiver: the TLS handshake fails.
        var url = fixture.Receiver.Url("tls").Replace("http://", "https://", StringComparison.Ordinal);

        var jobId = await StartAsync(client, "tls", url, files: 1);
        JsonNode attempt = new JsonObject();
        await Eventually.HoldsAsync(async () =>
        {
            var log = await ApiJson.ReadAsync(await client.GetAsync($"/v1/jobs/{jobId}/webhooks"));
            attempt = log["attempts"]?.AsArray().FirstOrDefault() ?? attempt;
            return attempt["error"] is not null;
        }, s_timeout, $"the webhook of job {jobId} to fail once");

        // Before: "The SSL connection could not be established, see inner exception." and nothing more.
        var error = attempt["error"]!.GetValue<string>();
        Assert.StartsWith("The SSL connection could not be established.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("inner exception", error, StringComparison.Ordinal);
        Assert.True(error.Length > "The SSL connection could not be established.".Length + 10, error);
        Assert.Null(attempt["statusCode"]);
    }

    [Fact]
    public async Task A_receiver_that_always_fails_is_given_up_after_the_configured_attempts()
    {
        var client = fixture.CreateAdminClient();
        var url = fixture.Receiver.Url("down", 503, 503, 503, 503, 503, 503, 503);

        var jobId = await StartAsync(client, "down", url, files: 1);
        var state = await ApiJson.SteerAsync(client, jobId, "cancel");
        var log = await WaitForDeliveryAsync(client, jobId, "GaveUp");

        Assert.Equal(6, log["attempts"]!.AsArray().Count);
        Assert.All(log["attempts"]!.AsArray(), a => Assert.Equal(503, a!["statusCode"]!.GetValue<int>()));
        Assert.Null(log["attempts"]![5]!["nextRetryAt"]);
        Assert.Equal(6, fixture.Receiver.Received("down").Count);
        var type = JsonNode.Parse(fixture.Receiver.Received("down")[0].Body)!["type"]!.GetValue<string>();
        Assert.Equal(state == "Cancelled" ? "job.cancelled" : "job.completed", type);
    }

    [Fact]
    public async Task Pause_and_resume_are_delivered_before_the_end_each_with_its_own_event_id()
    {
        var client = fixture.CreateAdminClient();
        var url = fixture.Receiver.Url("steered");

        var jobId = await StartAsync(client, "steered", url, files: 6);
        var paused = await ApiJson.SteerAsync(client, jobId, "pause");
        await ApiJson.SteerAsync(client, jobId, "resume");
        await ApiJson.WaitForJobAsync(client, jobId, s_timeout);
        await Eventually.HoldsAsync(
            () => fixture.Receiver.Received("steered").Any(r => JsonNode.Parse(r.Body)!["type"]!.GetValue<string>() == "job.completed"),
            s_timeout, "the end's event to arrive");

        // Paused and resumed; or paused with its last files in flight, completed while paused (the resume then had
        // nothing to do); or done before the pause landed, which then changed nothing.
        var received = fixture.Receiver.Received("steered");
        var types = received.Select(r => JsonNode.Parse(r.Body)!["type"]!.GetValue<string>()).ToArray();
        string[][] possible = paused == "Paused"
            ? [["job.paused", "job.resumed", "job.completed"], ["job.paused", "job.completed"]]
            : [["job.completed"], ["job.paused", "job.completed"]];
        Assert.Contains(possible, p => p.SequenceEqual(types));
        Assert.Equal(types.Length, received.Select(r => r.Headers["SampleMind-Event-Id"]).Distinct().Count());
        Assert.Equal("Completed", JsonNode.Parse(received[^1].Body)!["data"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_job_is_read_steered_and_its_log_read_while_a_webhook_attempt_hangs()
    {
        var client = fixture.CreateAdminClient();
        var url = fixture.Receiver.HeldUrl("held");
        var dir = Directory.CreateDirectory(Path.Combine(fixture.IngestRoot, "held")).FullName;
        for (var i = 0; i < 16; i++)
        {
            WavWriter.Sine(Path.Combine(dir, $"long{i}.wav"), 200 + (50 * i), 20);
        }

        var started = await client.PostAsJsonAsync("/v1/libraries/held/ingests",
            new { source = new { kind = "directory", path = dir }, level = "standard", webhookUrl = url });
        var jobId = (await ApiJson.ReadAsync(started))["jobId"]!.GetValue<string>();
        Assert.Equal("Paused", await ApiJson.SteerAsync(client, jobId, "pause"));
        await Eventually.HoldsAsync(() => fixture.Receiver.IsHolding("held"), s_timeout, "the job.paused attempt to reach the receiver");

        var resumed = await ApiJson.SteerAsync(client, jobId, "resume");
        var status = await ApiJson.ReadAsync(await client.GetAsync($"/v1/jobs/{jobId}"));
        var log = await ApiJson.ReadAsync(await client.GetAsync($"/v1/jobs/{jobId}/webhooks"));

        // Before, each of these waited for the attempt to end: the sender gave up on the receiver first.
        Assert.True(fixture.Receiver.IsHolding("held"), "the attempt was still waiting for the receiver when the answers came");
        Assert.Equal("Running", resumed);
        Assert.Equal("Running", status["state"]!.GetValue<string>());
        Assert.Equal(["job.paused", "job.resumed"], log["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        Assert.Empty(log["attempts"]!.AsArray());

        fixture.Receiver.Release("held");
        await ApiJson.SteerAsync(client, jobId, "cancel");
        await Eventually.HoldsAsync(async () =>
        {
            log = await ApiJson.ReadAsync(await client.GetAsync($"/v1/jobs/{jobId}/webhooks"));
            return log["events"]!.AsArray() is { Count: 3 } events && events.All(e => e!["state"]!.GetValue<string>() == "Delivered");
        }, s_timeout, $"the three events of job {jobId} to be delivered");
        Assert.Equal(["job.paused", "job.resumed", "job.cancelled"],
            fixture.Receiver.Received("held").Select(r => JsonNode.Parse(r.Body)!["type"]!.GetValue<string>()));
        Assert.Equal([1, 1, 1], log["attempts"]!.AsArray().Select(a => a!["number"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/hook")]
    [InlineData("http://user:password@127.0.0.1/hook")]
    [InlineData("not a url")]
    [InlineData("/relative/hook")]
    public async Task A_bad_webhook_url_is_a_400_problem(string url)
    {
        var client = fixture.CreateAdminClient();

        var response = await client.PostAsJsonAsync("/v1/libraries/bad-hooks/ingests",
            new { source = new { kind = "directory", path = fixture.IngestRoot }, webhookUrl = url });

        var problem = await ApiJson.AssertProblemAsync(response, 400);
        Assert.NotNull(problem["errors"]?["webhookUrl"]);
    }

    [Fact]
    public async Task The_webhook_log_of_an_unknown_job_is_404()
    {
        var client = fixture.CreateAdminClient();

        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/jobs/job-doesnotexist/webhooks"), 404);
        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/jobs/Not%20An%20Id/webhooks"), 404);
    }

    [Fact]
    public async Task The_secret_is_stable_until_rotated_and_never_cached()
    {
        var client = fixture.CreateAdminClient();

        var first = await client.GetAsync("/v1/tenants/admin/webhook-secret");
        var again = (await ApiJson.ReadAsync(await client.GetAsync("/v1/tenants/admin/webhook-secret")))["secret"]!.GetValue<string>();
        var rotated = (await ApiJson.ReadAsync(await client.PostAsync("/v1/tenants/admin/webhook-secret/rotate", null)))["secret"]!.GetValue<string>();
        var after = (await ApiJson.ReadAsync(await client.GetAsync("/v1/tenants/admin/webhook-secret")))["secret"]!.GetValue<string>();

        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        var secret = (await ApiJson.ReadAsync(first))["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(secret, again);
        Assert.NotEqual(secret, rotated);
        Assert.Equal(rotated, after);
        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/tenants/nobody/webhook-secret"), 404);
        await ApiJson.AssertProblemAsync(await fixture.Factory.CreateClient().GetAsync("/v1/tenants/admin/webhook-secret"), 401);
    }

    [Fact]
    public async Task A_cancel_with_files_in_hand_ends_the_events_and_sends_its_webhook_with_the_final_counts()
    {
        var client = fixture.CreateAdminClient();
        var url = fixture.Receiver.Url("in-hand");
        var dir = Directory.CreateDirectory(Path.Combine(fixture.IngestRoot, "in-hand")).FullName;
        for (var i = 0; i < 16; i++)
        {
            WavWriter.Sine(Path.Combine(dir, $"long{i}.wav"), 200 + (50 * i), 20);
        }

        var started = await client.PostAsJsonAsync("/v1/libraries/in-hand/ingests",
            new { source = new { kind = "directory", path = dir }, level = "standard", webhookUrl = url });
        var jobId = (await ApiJson.ReadAsync(started))["jobId"]!.GetValue<string>();
        await Eventually.HoldsAsync(async () => (await ApiJson.ReadAsync(await client.GetAsync($"/v1/jobs/{jobId}")))["succeeded"]!.GetValue<long>() > 0,
            s_timeout, "the first file to be analysed");
        var cancelled = await ApiJson.ReadAsync(await client.PostAsync($"/v1/jobs/{jobId}/cancel", null));
        Assert.Equal("Cancelled", cancelled["state"]!.GetValue<string>());
        Assert.True(cancelled["inFlight"]!.GetValue<long>() > 0, "files are in hand when the cancel lands");

        var events = await client.GetStringAsync($"/v1/jobs/{jobId}/events");
        var end = JsonNode.Parse(events.Split('\n').Last(line => line.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..])!;
        var final = await ApiJson.ReadAsync(await client.GetAsync($"/v1/jobs/{jobId}"));
        await Eventually.HoldsAsync(() => fixture.Receiver.Received("in-hand").Count > 0, s_timeout, "the cancel's webhook");
        var webhook = JsonNode.Parse(Assert.Single(fixture.Receiver.Received("in-hand")).Body)!;

        Assert.Contains("event: end", events, StringComparison.Ordinal);
        Assert.Equal(0, end["inFlight"]!.GetValue<long>());
        Assert.Equal(final["succeeded"]!.GetValue<long>(), end["succeeded"]!.GetValue<long>());
        Assert.True(end["succeeded"]!.GetValue<long>() >= cancelled["succeeded"]!.GetValue<long>() + cancelled["inFlight"]!.GetValue<long>(),
            "every file in hand at the cancel is counted at the end");
        Assert.Equal("job.cancelled", webhook["type"]!.GetValue<string>());
        Assert.Equal(final["succeeded"]!.GetValue<long>(), webhook["data"]!["succeeded"]!.GetValue<long>());
    }

    private async Task<string> StartAsync(HttpClient client, string library, string url, int files)
    {
        var dir = Directory.CreateDirectory(Path.Combine(fixture.IngestRoot, library)).FullName;
        for (var i = 0; i < files; i++)
        {
            WavWriter.Sine(Path.Combine(dir, $"t{i}.wav"), 300 + (100 * i), 0.5);
        }

        var response = await client.PostAsJsonAsync($"/v1/libraries/{library}/ingests",
            new { source = new { kind = "directory", path = dir }, level = "fast", webhookUrl = url });
        Assert.Equal(202, (int)response.StatusCode);
        return (await ApiJson.ReadAsync(response))["jobId"]!.GetValue<string>();
    }

    /// <summary>Polls the job's log until its (single) event reaches <paramref name="state"/>.</summary>
    private static async Task<JsonNode> WaitForDeliveryAsync(HttpClient client, string jobId, string state)
    {
        JsonNode log = new JsonObject();
        await Eventually.HoldsAsync(async () =>
        {
            log = await ApiJson.ReadAsync(await client.GetAsync($"/v1/jobs/{jobId}/webhooks"));
            return log["events"]?.AsArray() is [{ } only] && only["state"]!.GetValue<string>() == state;
        }, s_timeout, $"the webhook of job {jobId} to be {state}");
        return log;
    }

    /// <summary>Checks the signature as a receiver would, from the documented scheme alone.</summary>
    private static void AssertSigned(ReceivedWebhook received, string secret)
    {
        var parts = received.Headers["SampleMind-Signature"].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(received.Headers["SampleMind-Timestamp"], parts["t"]);
        var timestamp = long.Parse(parts["t"], CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp, 0, 300);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes(parts["t"] + "." + received.Body)));
        Assert.Equal(expected, parts["v1"]);
        Assert.Equal("application/json", received.Headers["Content-Type"].Split(';')[0]);
    }

    private static DateTimeOffset Time(JsonNode? node) =>
        DateTimeOffset.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);
}
