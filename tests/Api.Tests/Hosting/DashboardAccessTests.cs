using System.Net.Http.Json;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// The dashboard and the metrics show every tenant at once: only the operator tenant's admin keys read them, and a
/// stream of them ends once its key is revoked.
/// </summary>
public sealed class DashboardAccessTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Another_tenants_admin_key_is_refused_and_the_operators_answer_is_not_cached()
    {
        var admin = factory.CreateAdminClient();
        Assert.Equal(201, (int)(await admin.PostAsJsonAsync("/v1/tenants", new { id = "studio-x", plan = "pro" })).StatusCode);
        var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/studio-x/keys", new { name = "boss", scopes = "admin" }));
        var tenantAdmin = factory.CreateClient(issued["token"]!.GetValue<string>());

        foreach (var path in new[] { "/v1/dashboard/snapshot", "/v1/dashboard/stream", "/metrics" })
        {
            var refused = await ApiJson.AssertProblemAsync(await tenantAdmin.GetAsync(path, HttpCompletionOption.ResponseHeadersRead), 403);
            Assert.Contains("operator tenant", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(200, (int)(await tenantAdmin.GetAsync("/v1/tenants/studio-x")).StatusCode); // its own tenant, as before
        var snapshot = await admin.GetAsync("/v1/dashboard/snapshot");
        Assert.Equal(200, (int)snapshot.StatusCode);
        Assert.True(snapshot.Headers.CacheControl!.NoStore);
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/app.js")]
    [InlineData("/v1/no-such-endpoint")]
    public async Task Every_answer_forbids_framing_sniffing_and_foreign_scripts(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_ends_once_its_key_is_revoked()
    {
        var admin = factory.CreateAdminClient();
        var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "wallboard", scopes = "admin" }));
        var watcher = factory.CreateClient(issued["token"]!.GetValue<string>());
        watcher.Timeout = TimeSpan.FromSeconds(60);

        using var response = await watcher.GetAsync("/v1/dashboard/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: snapshot", await reader.ReadLineAsync());
        Assert.Equal(204, (int)(await admin.DeleteAsync($"/v1/tenants/admin/keys/{issued["key"]!["keyId"]!.GetValue<string>()}")).StatusCode);

        // The stream ends by itself (the read returns the end of it) instead of sending snapshots for ever.
        var rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(rest.Split("event: snapshot").Length <= 3, rest.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
