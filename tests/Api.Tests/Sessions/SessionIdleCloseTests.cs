using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SampleMind.Api.Sessions;
using SampleMind.Api.Tests.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>
/// A tenant at its live sessions limit (a host of its own with a limit of 2, on a clock the test moves by days) that
/// creates one more first has its sessions idle past Api:SessionIdleCloseAfter (7 days: no participant connected, no op,
/// undo, redo, join or leave) closed; a session with a participant connected or recent activity is not, and with none
/// idle the creation is a 409 that says the idle rule.
/// </summary>
public sealed class SessionIdleCloseTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public async Task At_the_limit_a_new_session_closes_the_sessions_idle_past_the_limit_and_keeps_the_recently_joined_one()
    {
        var clock = new ShiftedTimeProvider();
        using var host = StartHost(clock);
        var (client, token) = await TenantClientAsync(host, "idle-studio");
        var idle = await SessionFixture.CreateSessionAsync(client);
        var joined = await SessionFixture.CreateSessionAsync(client);

        // Two days on, someone opens the second session and leaves again: a join and a leave are activity.
        clock.Advance(2 * Day);
        using (var visitor = await RawSessionSocket.ConnectAsync(host.Server, joined, token))
        {
            Assert.Equal("welcome", (await visitor.HelloAsync("visitor"))["type"]!.GetValue<string>());
        }

        await Eventually.HoldsAsync(async () => (await ReadAsync(client, $"/v1/sessions/{joined}"))["participants"]!.AsArray().Count == 0,
            SessionFixture.Settle, "the visitor's leave taken");

        // Was: a 409 for good, since nothing closes a session but POST /close.
        clock.Advance(6 * Day + TimeSpan.FromHours(1));
        var created = await client.PostAsJsonAsync("/v1/sessions", new { libraryId = "drums" });
        Assert.Equal(201, (int)created.StatusCode);
        var third = (await ApiJson.ReadAsync(created))["sessionId"]!.GetValue<string>();

        var items = (await ReadAsync(client, "/v1/sessions"))["items"]!.AsArray();
        Assert.Equal([third, joined, idle], items.Select(s => s!["sessionId"]!.GetValue<string>()));
        Assert.Equal([false, false, true], items.Select(s => s!["closedAt"] is not null));
        var closed = await ReadAsync(client, $"/v1/sessions/{idle}");
        Assert.InRange(closed["closedAt"]!.GetValue<DateTimeOffset>(), clock.GetUtcNow() - TimeSpan.FromMinutes(1), clock.GetUtcNow());
        Assert.True(closed["lastActiveAt"]!.GetValue<DateTimeOffset>() < clock.GetUtcNow() - 7 * Day);
        Assert.True((await ReadAsync(client, $"/v1/sessions/{joined}"))["lastActiveAt"]!.GetValue<DateTimeOffset>() > clock.GetUtcNow() - 7 * Day);
    }

    [Fact]
    public async Task A_session_with_a_participant_connected_or_a_recent_undo_is_not_closed_and_the_creation_is_a_409_naming_the_idle_rule()
    {
        var clock = new ShiftedTimeProvider();
        using var host = StartHost(clock);
        var (client, token) = await TenantClientAsync(host, "busy-studio");
        var watched = await SessionFixture.CreateSessionAsync(client);
        var edited = await SessionFixture.CreateSessionAsync(client);
        using var watcher = await RawSessionSocket.ConnectAsync(host.Server, watched, token);
        Assert.Equal("welcome", (await watcher.HelloAsync("watcher", "viewer"))["type"]!.GetValue<string>());
        using (var editor = await RawSessionSocket.ConnectAsync(host.Server, edited, token))
        {
            Assert.Equal("welcome", (await editor.HelloAsync("editor"))["type"]!.GetValue<string>());
            await editor.SendAsync("""{"type":"op","clientSeq":1,"baseRevision":0,"op":{"ops":[{"kind":"set","path":["tempo"],"value":90}]}}""");
            await editor.ReceiveAsync("ack");
        }

        await Eventually.HoldsAsync(async () => (await ReadAsync(client, $"/v1/sessions/{edited}"))["participants"]!.AsArray().Count == 0,
            SessionFixture.Settle, "the editor's leave taken");
        clock.Advance(6 * Day);
        Assert.Equal(200, (int)(await client.PostAsJsonAsync($"/v1/sessions/{edited}/undo", new { clientId = "editor" })).StatusCode);

        // Eight days after the watcher joined and two after the undo: neither session is idle.
        clock.Advance(2 * Day + TimeSpan.FromHours(1));
        var refused = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/sessions", new { libraryId = "drums" }), 409);
        var detail = refused["detail"]!.GetValue<string>();
        Assert.Contains("2 live sessions", detail, StringComparison.Ordinal);
        Assert.Contains("idle for longer than 7 days", detail, StringComparison.Ordinal);
        Assert.Contains("closed automatically", detail, StringComparison.Ordinal);
        Assert.Contains("Api:SessionIdleCloseAfter", detail, StringComparison.Ordinal);
        var items = (await ReadAsync(client, "/v1/sessions"))["items"]!.AsArray();
        Assert.Equal([edited, watched], items.Select(s => s!["sessionId"]!.GetValue<string>()));
        Assert.All(items, s => Assert.Null(s!["closedAt"]));
        Assert.Single((await ReadAsync(client, $"/v1/sessions/{watched}"))["participants"]!.AsArray());
    }

    [Fact]
    public async Task A_sweep_that_freed_nothing_holds_the_next_off_for_a_minute()
    {
        var clock = new ShiftedTimeProvider();
        using var host = StartHost(clock);
        var (client, _) = await TenantClientAsync(host, "eager-studio");
        await SessionFixture.CreateSessionAsync(client);
        await SessionFixture.CreateSessionAsync(client);
        long checks = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "SampleMind.Runtime" && instrument.Name == "samplemind.grain.calls")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "method", Value: "CloseIfIdle" })
                {
                    Interlocked.Add(ref checks, value);
                }
            }
        });
        listener.Start();

        // Neither session is idle: the first refused creation asks both, the next ones within the minute ask none.
        for (var i = 0; i < 3; i++)
        {
            await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/sessions", new { libraryId = "drums" }), 409);
        }

        Assert.Equal(2, Interlocked.Read(ref checks));

        clock.Advance(IdleSessionSweeps.Pause);
        await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/sessions", new { libraryId = "drums" }), 409);
        Assert.Equal(4, Interlocked.Read(ref checks));
    }

    private WebApplicationFactory<Program> StartHost(ShiftedTimeProvider clock) => factory.WithWebHostBuilder(b =>
    {
        b.UseSetting("Api:MaxLiveSessionsPerTenant", "2");

        // The jump of days must not make the silo collect the activation a participant is connected to.
        b.UseSetting("Silo:CollectionInterval", "01:00:00");
        b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
    });

    /// <summary>A tenant of its own (the limit counts per tenant) and a client with a sessions key of it.</summary>
    private async Task<(HttpClient Client, string Token)> TenantClientAsync(WebApplicationFactory<Program> host, string tenantId)
    {
        using var admin = factory.CreateAdminClient(host);
        Assert.Equal(201, (int)(await admin.PostAsJsonAsync("/v1/tenants", new { id = tenantId, plan = "pro" })).StatusCode);
        var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync($"/v1/tenants/{tenantId}/keys", new { name = "studio", scopes = "sessions" }));
        var token = issued["token"]!.GetValue<string>();
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, token);
    }

    private static async Task<JsonNode> ReadAsync(HttpClient client, string path) => await ApiJson.ReadAsync(await client.GetAsync(path));
}
