using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using SampleMind.Api.Sessions;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>
/// A session connection whose key is revoked while its socket is open (the connection on a clock the test drives): at
/// its next keep-alive it says so and closes, and what the client sends after is not taken.
/// </summary>
public sealed class SessionKeyRevocationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_revoked_key_gets_an_error_and_a_close_at_the_next_keep_alive_and_edits_no_more()
    {
        var admin = factory.CreateAdminClient();
        var sessionId = await SessionFixture.CreateSessionAsync(admin);
        var (token, keyId) = await RawSessionSocket.IssueSessionsKeyAsync(admin, "short-lived");
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var time = new ManualTimeProvider();
        Assert.True(ApiKeyToken.TryParse(token, out var parsed));
        var caller = new SessionCaller("admin", keyId, parsed.SecretSha256Hex());

        using var sockets = await LoopbackWebSocketPair.OpenAsync();
        var (_, running) = sockets.Run(grains.GetGrain<ISessionGrain>(sessionId), caller, grains, time);
        using var socket = new RawSessionSocket(sockets.Client);
        Assert.Equal("welcome", (await socket.HelloAsync("temp"))["type"]!.GetValue<string>());

        // Still valid at the first keep-alive: the connection goes on.
        time.Advance(SessionConnection.KeepAliveInterval);
        await socket.SendAsync("""{"type":"chat","text":"before"}""");
        Assert.Equal("before", (await socket.ReceiveAsync("chat"))["text"]!.GetValue<string>());

        Assert.Equal(204, (int)(await admin.DeleteAsync($"/v1/tenants/admin/keys/{keyId}")).StatusCode);
        time.Advance(SessionConnection.KeepAliveInterval);
        var error = await socket.ReceiveAsync("error");
        Assert.Contains("revoked", error["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, sockets.Client.CloseStatus);

        await socket.SendAsync("""{"type":"op","clientSeq":1,"baseRevision":0,"op":{"ops":[{"kind":"set","path":["tempo"],"value":90}]}}""");
        await sockets.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "ok", CancellationToken.None);
        await running.WaitAsync(SessionFixture.Settle);
        Assert.Equal(0, (await SessionFixture.SnapshotAsync(admin, sessionId)).Revision);
        await Eventually.HoldsAsync(async () => (await grains.GetGrain<ISessionGrain>(sessionId).GetInfo())!.Participants.Count == 0,
            SessionFixture.Settle, "the revoked participant gone from the session");
    }
}
