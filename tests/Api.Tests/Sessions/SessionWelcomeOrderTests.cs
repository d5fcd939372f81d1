using SampleMind.Api.Tests.Hosting;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>
/// The welcome is the answer to a hello and comes first: participants, presence and chat pushed while a client joins
/// are held until after it (a join racing others got a participants message before its welcome, about 1 in 25).
/// </summary>
public sealed class SessionWelcomeOrderTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Every_join_among_simultaneous_joins_is_answered_with_its_welcome_first()
    {
        var admin = factory.CreateAdminClient();
        var token = SessionFixture.Token(factory);
        for (var round = 0; round < 12; round++)
        {
            var sessionId = await SessionFixture.CreateSessionAsync(admin);
            var sockets = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RawSessionSocket.ConnectAsync(factory.Server, sessionId, token)));
            try
            {
                var firsts = await Task.WhenAll(sockets.Select((socket, i) => socket.HelloAsync($"r{round}c{i}")));
                Assert.All(firsts, first => Assert.Equal("welcome", first["type"]!.GetValue<string>()));
            }
            finally
            {
                foreach (var socket in sockets)
                {
                    socket.Dispose();
                }
            }
        }
    }
}
