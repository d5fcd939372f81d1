using System.Net.Http.Json;
using System.Net.WebSockets;
using SampleMind.Api.Tests.Hosting;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>
/// Closing a session (POST /v1/sessions/{id}/close) disconnects its participants and refuses later joins and undos,
/// while its document stays readable; an unknown or another tenant's session is not closed.
/// </summary>
public sealed class SessionCloseTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Closing_a_session_disconnects_its_participants_and_refuses_later_joins_and_undos()
    {
        using var admin = factory.CreateAdminClient();
        var sessionId = await SessionFixture.CreateSessionAsync(admin);
        var token = SessionFixture.Token(factory);
        using var alice = await RawSessionSocket.ConnectAsync(factory.Server, sessionId, token);
        Assert.Equal("welcome", (await alice.HelloAsync("alice"))["type"]!.GetValue<string>());

        Assert.Equal(200, (int)(await admin.PostAsync($"/v1/sessions/{sessionId}/close", null)).StatusCode);

        Assert.Contains("closed", (await alice.ReceiveAsync("error"))["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await alice.ReceiveAsync());
        Assert.Equal((WebSocketCloseStatus.NormalClosure, "session closed"), (alice.Socket.CloseStatus, alice.Socket.CloseStatusDescription));

        using var late = await RawSessionSocket.ConnectAsync(factory.Server, sessionId, token);
        var hello = await late.HelloAsync("late");
        Assert.Equal("error", hello["type"]!.GetValue<string>());
        Assert.Contains("closed", hello["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await ApiJson.ReadAsync(await admin.GetAsync($"/v1/sessions/{sessionId}")))["participants"]!.AsArray());
        var undo = await ApiJson.AssertProblemAsync(await admin.PostAsJsonAsync($"/v1/sessions/{sessionId}/undo", new { clientId = "alice" }), 409);
        Assert.Contains("closed", undo["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, (await SessionFixture.SnapshotAsync(admin, sessionId)).Revision);
    }

    [Fact]
    public async Task An_unknown_or_another_tenants_session_is_not_closed()
    {
        using var admin = factory.CreateAdminClient();
        var sessionId = await SessionFixture.CreateSessionAsync(admin);
        await ApiJson.AssertProblemAsync(await admin.PostAsync("/v1/sessions/nosuchsession/close", null), 404);

        Assert.Equal(201, (int)(await admin.PostAsJsonAsync("/v1/tenants", new { id = "other-studio", plan = "pro" })).StatusCode);
        var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/other-studio/keys", new { name = "s", scopes = "sessions" }));
        using var other = factory.CreateClient(issued["token"]!.GetValue<string>());

        await ApiJson.AssertProblemAsync(await other.PostAsync($"/v1/sessions/{sessionId}/close", null), 404);
        Assert.Null((await ApiJson.ReadAsync(await admin.GetAsync($"/v1/sessions/{sessionId}")))["closedAt"]);
    }
}
