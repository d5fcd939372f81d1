using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SampleMind.Api.Sessions;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>
/// A message the session grain fails on (its silo unreachable, its database down): the client is told to reconnect and
/// resend, in words of its own, not the exception's (which named a silo's address or a PostgreSQL error), and the
/// connection ends. A real session grain behind a proxy that fails its chat.
/// </summary>
public sealed class SessionConnectionFailureTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_message_the_session_fails_on_ends_the_connection_with_a_reason_that_shows_no_internals()
    {
        var sessionId = await SessionFixture.CreateSessionAsync(factory.CreateAdminClient());
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        using var sockets = await LoopbackWebSocketPair.OpenAsync();
        var client = new RawSessionSocket(sockets.Client); // not disposed here: the pair owns its sockets
        var session = FailingChat.Wrap(grains.GetGrain<ISessionGrain>(sessionId), new RemoteGrainException(
            "Npgsql.PostgresException", "57P03: the database system is shutting down (silo http://127.0.0.1:11180)"));

        var (_, running) = sockets.Run(session, new SessionCaller("admin", "failure-key", ""), grains);
        await client.SendAsync(new JsonObject { ["type"] = "hello", ["clientId"] = "failing", ["lastRevision"] = -1 }.ToJsonString());
        Assert.Equal("welcome", (await client.ReceiveAsync())!["type"]!.GetValue<string>());
        Assert.Equal(0, (await client.ReceiveAsync())!["revision"]!.GetValue<long>());

        await client.SendAsync(new JsonObject { ["type"] = "chat", ["text"] = "hello there" }.ToJsonString());
        var error = await client.ReceiveAsync();
        await running.WaitAsync(Settle);

        Assert.Equal("error", error!["type"]!.GetValue<string>());
        var reason = error["reason"]!.GetValue<string>();
        Assert.Equal(
            "The session could not handle the chat message just now (its silo is unreachable or moving, or its storage failed): reconnect and resend.",
            reason);
        Assert.DoesNotContain("11180", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("57P03", reason, StringComparison.Ordinal);
    }

    /// <summary>The session grain, but its chat throws <see cref="Failure"/>.</summary>
    public class FailingChat : DispatchProxy
    {
        private ISessionGrain _inner = null!;

        private Exception Failure { get; set; } = null!;

        public static ISessionGrain Wrap(ISessionGrain inner, Exception failure)
        {
            var proxy = Create<ISessionGrain, FailingChat>();
            var failing = (FailingChat)(object)proxy;
            failing._inner = inner;
            failing.Failure = failure;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(ISessionGrain.Chat)
                ? Task.FromException(Failure)
                : targetMethod.Invoke(_inner, args);
    }
}
