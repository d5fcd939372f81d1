using Microsoft.AspNetCore.TestHost;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>The in-memory test server's way to open a <see cref="SessionSocketClient"/>'s socket.</summary>
internal sealed partial class SessionSocketClient
{
    /// <summary>A participant of the in-memory test server.</summary>
    public SessionSocketClient(TestServer server, string sessionId, string token, string clientId, string role = "editor")
        : this(async (uri, bearer, protocols) =>
        {
            var ws = server.CreateWebSocketClient();
            if (bearer is not null)
            {
                ws.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + bearer;
            }

            foreach (var protocol in protocols)
            {
                ws.SubProtocols.Add(protocol);
            }

            return await ws.ConnectAsync(new Uri(new Uri("ws://localhost"), uri.PathAndQuery), CancellationToken.None);
        }, sessionId, token, clientId, role)
    {
    }
}
