using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using SampleMind.Api.Tests.Hosting;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>A session socket driven message by message (no OT client), for tests of what the server answers to exact input.</summary>
internal sealed class RawSessionSocket(WebSocket socket) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public WebSocket Socket => socket;

    public static async Task<RawSessionSocket> ConnectAsync(TestServer server, string sessionId, string token)
    {
        var client = server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + token;
        return new RawSessionSocket(await client.ConnectAsync(new Uri($"ws://localhost/v1/sessions/{sessionId}/ws"), CancellationToken.None));
    }

    /// <summary>A new key of the admin tenant with the sessions scope: its token and key id.</summary>
    public static async Task<(string Token, string KeyId)> IssueSessionsKeyAsync(HttpClient admin, string name)
    {
        var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name, scopes = "sessions" }));
        return (issued["token"]!.GetValue<string>(), issued["key"]!["keyId"]!.GetValue<string>());
    }

    public Task SendAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Says hello and reads the answer: the welcome, or the error that refuses it.</summary>
    public async Task<JsonObject> HelloAsync(string clientId, string role = "editor")
    {
        await SendAsync($$"""{"type":"hello","clientId":"{{clientId}}","role":"{{role}}"}""");
        var answer = await ReceiveAsync();
        Assert.True(answer is not null, "the socket closed instead of answering the hello");
        return answer!;
    }

    /// <summary>The next text message, or null once the server closed the socket (see <see cref="WebSocket.CloseStatus"/>) or it broke.</summary>
    public async Task<JsonObject?> ReceiveAsync()
    {
        var buffer = new byte[1 << 20];
        var count = 0;
        using var timeout = new CancellationTokenSource(Wait);
        ValueWebSocketReceiveResult result;
        try
        {
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(count), timeout.Token);
                count += result.Count;
            }
            while (!result.EndOfMessage);
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            return null; // broken rather than closed: no more messages either
        }

        return result.MessageType == WebSocketMessageType.Close ? null : JsonNode.Parse(buffer.AsSpan(0, count))!.AsObject();
    }

    /// <summary>The next message of type <paramref name="type"/>, skipping others (participants, presence, snapshot).</summary>
    public async Task<JsonObject> ReceiveAsync(string type)
    {
        while (true)
        {
            var message = await ReceiveAsync();
            Assert.True(message is not null, $"the socket closed before a '{type}' message");
            if (message!["type"]!.GetValue<string>() == type)
            {
                return message;
            }
        }
    }

    public void Dispose() => socket.Dispose();
}
