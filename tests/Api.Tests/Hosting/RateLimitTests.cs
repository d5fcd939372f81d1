using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// The rate limits: a key may spend its plan's minute of requests at once; requests without a key are limited per
/// address and told so, at every endpoint; the health probes and the pages' static files are never limited.
/// </summary>
public sealed class RateLimitTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_key_spends_its_minute_at_once_anonymous_requests_are_limited_and_health_never_is()
    {
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Api:AnonymousRequestsPerMinute", "3"));
        using var anonymous = host.CreateClient();

        using var admin = host.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(factory.AdminKeyFile).Trim());
        Assert.Equal(201, (int)(await admin.PostAsJsonAsync("/v1/tenants", new { id = "limited", plan = "free" })).StatusCode);
        var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/limited/keys", new { name = "burst", scopes = "read" }));

        // The free plan's 120 requests a minute; the bucket held half of that, so a burst was cut off after about 60.
        using var keyed = host.CreateClient();
        keyed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued["token"]!.GetValue<string>());
        for (var i = 0; i < 120; i++)
        {
            var response = await keyed.GetAsync("/v1/jobs?limit=1");
            Assert.True((int)response.StatusCode == 200, $"request {i + 1} of the key's minute: {(int)response.StatusCode}");
        }

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await anonymous.GetAsync("/v1/jobs"));
        }

        Assert.Equal(401, (int)answers[0].StatusCode);
        var limited = await ApiJson.AssertProblemAsync(answers[^1], 429);
        Assert.Contains("without a valid key", limited["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(answers[^1].Headers.RetryAfter);
        foreach (var probe in new[] { "/v1/health", "/v1/health/live", "/v1/health/ready" })
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(200, (int)(await anonymous.GetAsync(probe)).StatusCode);
            }
        }
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/metrics")]
    public async Task Anonymous_requests_outside_v1_are_limited_as_those_to_v1_are(string path)
    {
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Api:AnonymousRequestsPerMinute", "3"));
        using var anonymous = host.CreateClient();

        // At once, so that the bucket's refill (a request a second) cannot keep up however slowly the host answers: 3 pass,
        // and about one more a second while they arrive. Before, every one of them was answered.
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => anonymous.GetAsync(path)));

        Assert.Contains(answers, a => (int)a.StatusCode != 429);
        var refused = answers.Where(a => (int)a.StatusCode == 429).ToList();
        Assert.True(refused.Count >= 10, $"{refused.Count} of 40 requests at once to {path} were refused");
        var limited = await ApiJson.AssertProblemAsync(refused[0], 429);
        Assert.Contains("without a valid key", limited["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(refused[0].Headers.RetryAfter);
        Assert.Equal(200, (int)(await anonymous.GetAsync("/v1/health/live")).StatusCode);
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/sessions/sessions.js")]
    public async Task The_pages_static_files_are_not_counted_against_the_anonymous_limit(string path)
    {
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Api:AnonymousRequestsPerMinute", "3"));
        using var anonymous = host.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => anonymous.GetAsync(path)));

        Assert.All(answers, a => Assert.Equal(200, (int)a.StatusCode));
        // The files took nothing of the address's budget: its three requests to the API still pass.
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(429, (int)(await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        }
    }

    [Fact]
    public async Task Requests_with_an_unknown_or_garbage_key_share_the_address_limit_and_are_told_their_key_is_not_valid()
    {
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Api:AnonymousRequestsPerMinute", "2"));
        var answers = new List<HttpResponseMessage>();
        foreach (var token in new[] { "smk_0123456789abcdef_unknownsecret", "garbage", "smk_0123456789abcdef_unknownsecret" })
        {
            using var client = host.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            answers.Add(await client.GetAsync("/v1/jobs"));
        }

        Assert.Equal([401, 401], answers.Take(2).Select(a => (int)a.StatusCode));
        var limited = await ApiJson.AssertProblemAsync(answers[^1], 429);
        Assert.Equal(
            "This address sent more requests without a valid key than the server allows; retry after the time in Retry-After.",
            limited["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_plan_change_is_the_operators_and_the_keys_rate_limit_follows_it_at_once()
    {
        using var admin = factory.CreateAdminClient();
        Assert.Equal(201, (int)(await admin.PostAsJsonAsync("/v1/tenants", new { id = "growing", plan = "free" })).StatusCode);
        var own = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/growing/keys", new { name = "own-admin", scopes = "admin" }));
        using var keyed = factory.CreateClient(own["token"]!.GetValue<string>());

        // The tenant's own admin cannot upgrade itself; the operator can, and the plan's name must be one.
        await ApiJson.AssertProblemAsync(await keyed.PatchAsJsonAsync("/v1/tenants/growing", new { plan = "studio" }), 403);
        for (var i = 1; i < 120; i++)
        {
            Assert.Equal(200, (int)(await keyed.GetAsync("/v1/jobs?limit=1")).StatusCode);
        }

        await ApiJson.AssertProblemAsync(await keyed.GetAsync("/v1/jobs?limit=1"), 429);

        await ApiJson.AssertProblemAsync(await admin.PatchAsJsonAsync("/v1/tenants/growing", new { plan = "platinum" }), 400);
        await ApiJson.AssertProblemAsync(await admin.PatchAsJsonAsync("/v1/tenants/nobody", new { plan = "pro" }), 404);
        var changed = await admin.PatchAsJsonAsync("/v1/tenants/growing", new { plan = "studio" });
        Assert.Equal(200, (int)changed.StatusCode);
        Assert.Equal("studio", (await ApiJson.ReadAsync(changed))["plan"]!.GetValue<string>());

        Assert.Equal(200, (int)(await keyed.GetAsync("/v1/jobs?limit=1")).StatusCode);
        var usage = await ApiJson.ReadAsync(await keyed.GetAsync("/v1/tenants/growing/usage"));
        Assert.Equal(6_000, usage["plan"]!["requestsPerMinute"]!.GetValue<int>());
    }
}
