using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SampleMind.Api.Tests.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>Session helpers over a running host: create a session, read its document, wait for clients to settle.</summary>
internal static class SessionFixture
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    public static async Task<string> CreateSessionAsync(HttpClient client, string library = "drums")
    {
        var response = await client.PostAsJsonAsync("/v1/sessions", new { libraryId = library });
        Assert.Equal(201, (int)response.StatusCode);
        return (await ApiJson.ReadAsync(response))["sessionId"]!.GetValue<string>();
    }

    public static async Task<(long Revision, JsonNode Document)> SnapshotAsync(HttpClient client, string sessionId)
    {
        var response = await client.GetAsync($"/v1/sessions/{sessionId}/snapshot");
        Assert.Equal(200, (int)response.StatusCode);
        var body = await ApiJson.ReadAsync(response);
        return (body["revision"]!.GetValue<long>(), body["document"]!);
    }

    /// <summary>Waits until every client has its ops acknowledged and sits at <paramref name="revision"/>.</summary>
    public static Task AllAtAsync(IReadOnlyList<SessionSocketClient> clients, long revision) =>
        Eventually.HoldsAsync(() => clients.All(c => c.IsSynchronized && c.Revision == revision), Settle,
            () => $"every client synchronized at revision {revision} (at the deadline: {string.Join(", ", clients.Select(c => c.Revision))})");

    /// <summary>A new session with alice and bob connected (bob sending his key as a subprotocol when asked).</summary>
    public static async Task<(HttpClient Admin, string SessionId, SessionSocketClient Alice, SessionSocketClient Bob)> ConnectPairAsync(
        ApiFactory factory, bool bobKeyAsSubprotocol = false)
    {
        var admin = factory.CreateAdminClient();
        var sessionId = await CreateSessionAsync(admin);
        var token = Token(factory);
        var alice = new SessionSocketClient(factory.Server, sessionId, token, "alice");
        var bob = new SessionSocketClient(factory.Server, sessionId, token, "bob");
        await alice.ConnectAsync();
        await bob.ConnectAsync(bobKeyAsSubprotocol);
        return (admin, sessionId, alice, bob);
    }

    public static string Token(ApiFactory factory)
    {
        factory.CreateAdminClient().Dispose();
        return File.ReadAllText(factory.AdminKeyFile).Trim();
    }
}
