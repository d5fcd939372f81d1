using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SampleMind.EndToEnd.Tests;
using static Microsoft.Playwright.Assertions;

namespace SampleMind.Dashboard.Tests;

/// <summary>
/// The hand-testing session page (<c>/sessions/</c>) against a real embedded API host in Debian's Chromium: it connects
/// with the key as a WebSocket subprotocol (a browser fails a connection whose answer names none of the offered
/// subprotocols, so this is the check that the server selects one), never puts the key in the socket's URL, and
/// its edit comes back as the session's first revision.
/// </summary>
public sealed class SessionsPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("samplemind-sessions-page-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_page_connects_with_its_key_as_a_subprotocol_and_edits_the_session()
    {
        await using var host = await HostProcess.StartAsync(_dir, new Dictionary<string, string>());
        using var admin = host.CreateAdminClient(_dir);
        var key = admin.DefaultRequestHeaders.Authorization!.Parameter!;
        var created = await admin.PostAsJsonAsync("/v1/sessions", new { libraryId = "drums" });
        Assert.Equal(201, (int)created.StatusCode);
        var sessionId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["sessionId"]!.GetValue<string>();

        var context = await chromium.Browser.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            var sockets = new List<string>();
            page.WebSocket += (_, socket) => sockets.Add(socket.Url);
            await page.GotoAsync(new Uri(host.Address, $"/sessions/?id={sessionId}").ToString());
            await page.FillAsync("#key", key);
            await page.ClickAsync("#connect button[type=submit]");

            await Expect(page.Locator("#status")).ToContainTextAsync("connected as");
            await page.ClickAsync("#add-track");
            await Expect(page.Locator("#revision")).ToHaveTextAsync("1");

            var url = Assert.Single(sockets);
            Assert.EndsWith($"/v1/sessions/{sessionId}/ws", url);
            Assert.DoesNotContain(key[(key.IndexOf('_', 4) + 1)..], url);
            var snapshot = await admin.GetFromJsonAsync<JsonObject>($"/v1/sessions/{sessionId}/snapshot");
            Assert.Equal(1, snapshot!["revision"]!.GetValue<long>());
            Assert.Single(snapshot["document"]!["tracks"]!.AsArray());
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
