using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

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
