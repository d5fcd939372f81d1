using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using SampleMind.Api.Sessions;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Runtime;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>
/// Both ends of one WebSocket over a real TCP connection on loopback: the server's end for a session connection under
/// test, the client's for the test to drive.
/// </summary>
internal sealed class LoopbackWebSocketPair : IDisposable
{
    private readonly TcpClient _clientTcp;
    private readonly TcpClient _serverTcp;

    private LoopbackWebSocketPair(TcpClient clientTcp, TcpClient serverTcp)
    {
        _clientTcp = clientTcp;
        _serverTcp = serverTcp;
        Server = WebSocket.CreateFromStream(serverTcp.GetStream(), new WebSocketCreationOptions { IsServer = true });
        Client = WebSocket.CreateFromStream(clientTcp.GetStream(), new WebSocketCreationOptions { IsServer = false });
    }

    public WebSocket Server { get; }

    public WebSocket Client { get; }

    public static async Task<LoopbackWebSocketPair> OpenAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var clientTcp = new TcpClient();
        await clientTcp.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        return new LoopbackWebSocketPair(clientTcp, await listener.AcceptTcpClientAsync());
    }

    /// <summary>
    /// A session connection on the server's end, joined to <paramref name="session"/> for <paramref name="caller"/> and
    /// running (a 30 s hello timeout; <paramref name="stopping"/> is the host's stopping signal; at most
    /// <paramref name="maxQueuedBytes"/> queued for the client); the test drives the client's end.
    /// </summary>
    public (SessionConnection Connection, Task Running) Run(
        ISessionGrain session, SessionCaller caller, IGrainFactory grains, TimeProvider? time = null, CancellationToken stopping = default,
        long maxQueuedBytes = SessionConnection.DefaultMaxQueuedBytes)
    {
        var connection = new SessionConnection(
            Server, session, caller, grains, time ?? TimeProvider.System, TimeSpan.FromSeconds(30), stopping, maxQueuedBytes: maxQueuedBytes);
        return (connection, connection.RunAsync(CancellationToken.None));
    }

    /// <summary>Closes the server's TCP connection, as the endpoint ends the request once the session connection is done.</summary>
    public void CloseServer() => _serverTcp.Close();

    public void Dispose()
    {
        Server.Dispose();
        Client.Dispose();
        _serverTcp.Dispose();
        _clientTcp.Dispose();
    }
}
