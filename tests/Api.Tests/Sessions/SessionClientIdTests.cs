using System.Net.WebSockets;
using SampleMind.Api.Tests.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>
/// A client id belongs to the key that first used it in the session: another key is refused it; the same key on a new
/// socket (a reconnect, another tab) takes it over, and the old connection is told and closed.
/// </summary>
public sealed class SessionClientIdTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_client_id_in_use_by_another_key_is_refused_and_that_socket_stays_usable()
    {
        var admin = factory.CreateAdminClient();
        var sessionId = await SessionFixture.CreateSessionAsync(admin);
        var owner = new SessionSocketClient(factory.Server, sessionId, SessionFixture.Token(factory), "me");
        await owner.ConnectAsync();
        await owner.EditAsync((doc, _) => ProjectEdits.SetTempo(doc, 90), new Random(1));
        await SessionFixture.AllAtAsync([owner], 1);

        var (otherToken, _) = await RawSessionSocket.IssueSessionsKeyAsync(admin, "other");
        using var other = await RawSessionSocket.ConnectAsync(factory.Server, sessionId, otherToken);
        foreach (var role in new[] { "editor", "viewer" })
        {
            var refused = await other.HelloAsync("me", role);
            Assert.Equal("error", refused["type"]!.GetValue<string>());
            Assert.Contains("another API key", refused["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal("welcome", (await other.HelloAsync("someone-else"))["type"]!.GetValue<string>());

        // The owner of the id goes on editing, acknowledged on its own socket.
        await owner.EditAsync((doc, _) => ProjectEdits.SetTempo(doc, 95), new Random(2));
        await SessionFixture.AllAtAsync([owner], 2);
        Assert.Empty(owner.Errors);
        Assert.True(owner.IsConnected);
        Assert.Equal(95, (await SessionFixture.SnapshotAsync(admin, sessionId)).Document["tempo"]!.GetValue<double>());
    }

    [Fact]
    public async Task The_same_key_on_a_new_socket_takes_the_id_over_and_the_old_connection_is_told_and_closed()
    {
        var admin = factory.CreateAdminClient();
        var sessionId = await SessionFixture.CreateSessionAsync(admin);
        var token = SessionFixture.Token(factory);
        var first = new SessionSocketClient(factory.Server, sessionId, token, "me");
        await first.ConnectAsync();
        await first.EditAsync((doc, _) => ProjectEdits.SetTempo(doc, 90), new Random(1));
        await SessionFixture.AllAtAsync([first], 1);

        using var second = await RawSessionSocket.ConnectAsync(factory.Server, sessionId, token);
        Assert.Equal("welcome", (await second.HelloAsync("me"))["type"]!.GetValue<string>());

        await Eventually.HoldsAsync(() => first.CloseStatus is not null, SessionFixture.Settle, "the old connection closed by the server");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, first.CloseStatus);
        Assert.Contains("took over client id 'me'", Assert.Single(first.Errors)["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // The new connection's op is acknowledged to it.
        await second.SendAsync("""{"type":"op","clientSeq":2,"baseRevision":1,"op":{"ops":[{"kind":"set","path":["tempo"],"oldValue":90,"value":100}]}}""");
        var ack = await second.ReceiveAsync("ack");
        Assert.Equal((2L, 2L), (ack["clientSeq"]!.GetValue<long>(), ack["revision"]!.GetValue<long>()));
        Assert.Equal(100, (await SessionFixture.SnapshotAsync(admin, sessionId)).Document["tempo"]!.GetValue<double>());
    }
}
