using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SampleMind.Api.Sessions;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Runtime;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>
/// A session connection (over a real WebSocket on loopback, joined to a real session grain) that is pushed an op past
/// the next revision, as when a push is lost between silos: it drops the socket, so the client reconnects and catches
/// up, instead of passing on an op the client cannot apply and leaving it waiting for an ack that never comes.
/// </summary>
public sealed class SessionConnectionGapTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_op_past_the_next_revision_drops_the_connection_and_is_not_passed_on()
    {
        var sessionId = await SessionFixture.CreateSessionAsync(factory.CreateAdminClient());
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        using var sockets = await LoopbackWebSocketPair.OpenAsync();
        var client = new RawSessionSocket(sockets.Client); // not disposed here: the pair owns its sockets

        var (connection, running) = sockets.Run(grains.GetGrain<ISessionGrain>(sessionId), new SessionCaller("admin", "gap-key", ""), grains);
        await client.SendAsync(new JsonObject { ["type"] = "hello", ["clientId"] = "gap", ["lastRevision"] = -1 }.ToJsonString());
        Assert.Equal("welcome", Type(await client.ReceiveAsync()));
        Assert.Equal(0, (await client.ReceiveAsync())!["revision"]!.GetValue<long>());

        await connection.OnOp(new SessionOp(1, "other", 1, """{"ops":[]}"""));
        var next = await client.ReceiveAsync();
        Assert.Equal(("op", 1L), (Type(next), next!["revision"]!.GetValue<long>()));

        await connection.OnOp(new SessionOp(3, "other", 3, """{"ops":[]}"""));
        await running.WaitAsync(Settle);
        sockets.CloseServer();

        // What still reaches the client before the drop: at most the error naming the missing revisions, never revision 3.
        var after = new List<JsonObject>();
        while (await client.ReceiveAsync() is { } message)
        {
            after.Add(message);
        }

        Assert.DoesNotContain(after, m => Type(m) == "op");
        Assert.All(after, m => Assert.Contains("Revisions 2 to 2", m["reason"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    private static string? Type(JsonObject? message) => message?["type"]?.GetValue<string>();
}
