using System.Net.Http.Json;
using SampleMind.Api.Tests.Hosting;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>
/// A tenant has at most Api:MaxLiveSessionsPerTenant live sessions (a host of its own with a limit of 2): one more is a
/// 409 that says the limit and how to free a slot, and closing a session frees its slot, once.
/// </summary>
public sealed class SessionLiveLimitTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_session_past_the_tenants_live_limit_is_a_409_until_one_is_closed()
    {
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Api:MaxLiveSessionsPerTenant", "2"));
        using var admin = factory.CreateAdminClient(host);
        var first = await SessionFixture.CreateSessionAsync(admin);
        var second = await SessionFixture.CreateSessionAsync(admin);

        // Was: every POST created another live session, without bound.
        var refused = await ApiJson.AssertProblemAsync(await admin.PostAsJsonAsync("/v1/sessions", new { libraryId = "drums" }), 409);
        Assert.Equal("https://samplemind.dev/problems/conflict", refused["type"]!.GetValue<string>());
        var detail = refused["detail"]!.GetValue<string>();
        Assert.Contains("2 live sessions", detail, StringComparison.Ordinal);
        Assert.Contains("Api:MaxLiveSessionsPerTenant", detail, StringComparison.Ordinal);
        Assert.Contains("POST /v1/sessions/{id}/close", detail, StringComparison.Ordinal);
        var listed = (await ApiJson.ReadAsync(await admin.GetAsync("/v1/sessions")))["items"]!.AsArray();
        Assert.Equal([second, first], listed.Select(s => s!["sessionId"]!.GetValue<string>()));

        var closed = await admin.PostAsync($"/v1/sessions/{first}/close", null);
        Assert.Equal(200, (int)closed.StatusCode);
        var closedAt = (await ApiJson.ReadAsync(closed))["closedAt"]!.GetValue<DateTimeOffset>();
        var third = await SessionFixture.CreateSessionAsync(admin);

        // A closed session frees its slot once: closing it again answers the same and frees nothing.
        var again = await ApiJson.ReadAsync(await admin.PostAsync($"/v1/sessions/{first}/close", null));
        Assert.Equal(closedAt, again["closedAt"]!.GetValue<DateTimeOffset>());
        await ApiJson.AssertProblemAsync(await admin.PostAsJsonAsync("/v1/sessions", new { libraryId = "drums" }), 409);
        var items = (await ApiJson.ReadAsync(await admin.GetAsync("/v1/sessions")))["items"]!.AsArray();
        Assert.Equal([third, second, first], items.Select(s => s!["sessionId"]!.GetValue<string>()));
        Assert.Equal([false, false, true], items.Select(s => s!["closedAt"] is not null));
        Assert.Null((await ApiJson.ReadAsync(await admin.GetAsync($"/v1/sessions/{third}")))["closedAt"]);
        Assert.Equal(closedAt, (await ApiJson.ReadAsync(await admin.GetAsync($"/v1/sessions/{first}")))["closedAt"]!.GetValue<DateTimeOffset>());
    }
}
