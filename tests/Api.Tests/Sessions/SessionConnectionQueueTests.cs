using Microsoft.Extensions.DependencyInjection;
using SampleMind.Api.Sessions;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Runtime;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>
/// Session connections (over real WebSockets on loopback, joined to a real session grain) pushed large ops: the one whose
/// client does not read is dropped once the bytes queued for it pass its bound (Api:SessionMaxQueuedBytes, small here),
/// long before 4,096 messages, while the one whose client reads stays.
/// </summary>
public sealed class SessionConnectionQueueTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const long Bound = 1024 * 1024;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_client_that_does_not_read_is_dropped_once_its_queued_bytes_pass_the_bound_and_a_reading_one_stays()
    {
        var sessionId = await SessionFixture.CreateSessionAsync(factory.CreateAdminClient());
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var session = grains.GetGrain<ISessionGrain>(sessionId);
        using var stalledPair = await LoopbackWebSocketPair.OpenAsync();
        using var readingPair = await LoopbackWebSocketPair.OpenAsync();
        var stalled = new RawSessionSocket(stalledPair.Client); // not disposed here: the pairs own their sockets
        var reading = new RawSessionSocket(readingPair.Client);
        var caller = new SessionCaller("admin", "queue-key", "");
        var (stalledConnection, stalledRunning) = stalledPair.Run(session, caller, grains, maxQueuedBytes: Bound);
        var (readingConnection, readingRunning) = readingPair.Run(session, caller, grains, maxQueuedBytes: Bound);
        Assert.Equal("welcome", (await stalled.HelloAsync("stalled"))["type"]!.GetValue<string>());
        Assert.Equal("welcome", (await reading.HelloAsync("reading"))["type"]!.GetValue<string>());

        // 32 KiB a message: the loopback connection's buffers take a few MiB before the stalled connection's queue grows.
        var op = $$"""{"ops":[{"kind":"set","path":["name"],"value":"{{new string('x', 32 * 1024)}}"}]}""";
        var revision = 0;
        while (!stalledRunning.IsCompleted && revision < 2_000)
        {
            revision++;
            var pushed = new SessionOp(revision, "writer", revision, op);
            await stalledConnection.OnOp(pushed);
            await readingConnection.OnOp(pushed);
            Assert.Equal(revision, (await reading.ReceiveAsync("op"))["revision"]!.GetValue<long>());
        }

        await stalledRunning.WaitAsync(Settle);
        Assert.False(readingRunning.IsCompleted, "the connection whose client reads was dropped too");
        await readingConnection.OnOp(new SessionOp(revision + 1, "writer", revision + 1, op));
        Assert.Equal(revision + 1, (await reading.ReceiveAsync("op"))["revision"]!.GetValue<long>());
    }
}
