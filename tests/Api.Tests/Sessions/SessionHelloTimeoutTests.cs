using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using SampleMind.Api.Sessions;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Runtime;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>A session socket that never says hello is closed once its hello timeout passes (on a clock the test drives); one that joined is not.</summary>
public sealed class SessionHelloTimeoutTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_socket_without_hello_gets_an_error_and_a_1008_close_when_its_hello_timeout_passes()
    {
        var time = new ManualTimeProvider();
        using var sockets = await LoopbackWebSocketPair.OpenAsync();
        var running = Start(sockets.Server, await SessionFixture.CreateSessionAsync(factory.CreateAdminClient()), time);
        using var socket = new RawSessionSocket(sockets.Client);

        time.Advance(HelloTimeout);

        Assert.Contains("No hello within 5 s", (await socket.ReceiveAsync("error"))["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal((WebSocketCloseStatus.PolicyViolation, "no hello"), (sockets.Client.CloseStatus, sockets.Client.CloseStatusDescription));
        await sockets.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "ok", CancellationToken.None);
        await running.WaitAsync(SessionFixture.Settle);
    }

    [Fact]
    public async Task A_socket_that_said_hello_stays_open_past_the_hello_timeout()
    {
        var time = new ManualTimeProvider();
        using var sockets = await LoopbackWebSocketPair.OpenAsync();
        _ = Start(sockets.Server, await SessionFixture.CreateSessionAsync(factory.CreateAdminClient()), time);
        using var socket = new RawSessionSocket(sockets.Client);
        Assert.Equal("welcome", (await socket.HelloAsync("prompt"))["type"]!.GetValue<string>());

        time.Advance(HelloTimeout);

        await socket.SendAsync("""{"type":"chat","text":"still here"}""");
        Assert.Equal("still here", (await socket.ReceiveAsync("chat"))["text"]!.GetValue<string>());
        Assert.Equal(WebSocketState.Open, sockets.Client.State);
    }

    private Task Start(WebSocket server, string sessionId, TimeProvider time)
    {
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var connection = new SessionConnection(
            server, grains.GetGrain<ISessionGrain>(sessionId), new SessionCaller("admin", "hello-key", ""), grains, time, HelloTimeout, CancellationToken.None);
        return connection.RunAsync(CancellationToken.None);
    }
}
