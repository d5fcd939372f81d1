using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SampleMind.Api.Tests.Sessions;
using SampleMind.TestSupport;

namespace SampleMind.EndToEnd.Tests;

/// <summary>
/// "Secrets never logged", at the most verbose level: the API host as a process with every category at Trace
/// (ASP.NET Core's request logging included), driven through the calls that carry or return API keys (bootstrap,
/// issue, rotate, revoke, a wrong secret, REST with the key in the header, a session socket with the key as its
/// subprotocol and one with it in the header, a refused request with a key in its URL). No secret, whole token or secret
/// part, appears in what the host wrote, in each of the console's formats.
/// And a host started outside its folder keeps the shipped settings, which leave URLs out of the log.
/// </summary>
public sealed class SecretsInLogsTests : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("samplemind-secrets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("simple")]
    [InlineData("json")]
    [InlineData("systemd")]
    public async Task No_api_key_reaches_the_log_even_at_trace_level(string format)
    {
        // Before, only the default console format cut secrets out: an operator's json or systemd format wrote them.
        await using var host = await HostProcess.StartAsync(_dir, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            ["Logging__Console__FormatterName"] = format,
        });
        using var admin = host.CreateAdminClient(_dir);
        var adminToken = admin.DefaultRequestHeaders.Authorization!.Parameter!;

        var issued = await TokenAsync(await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "studio", scopes = "sessions" }));
        var doomed = await TokenAsync(await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "doomed", scopes = "read" }));
        var rotated = await TokenAsync(await admin.PostAsync($"/v1/tenants/admin/keys/{KeyId(doomed)}/rotate", null));
        Assert.Equal(204, (int)(await admin.DeleteAsync($"/v1/tenants/admin/keys/{KeyId(rotated)}")).StatusCode);
        Assert.Equal(200, (int)(await admin.GetAsync("/v1/tenants/admin/keys")).StatusCode);

        using var stranger = new HttpClient { BaseAddress = host.Address };
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"smk_{KeyId(issued)}_{new string('x', 43)}");
        Assert.Equal(401, (int)(await stranger.GetAsync("/v1/jobs")).StatusCode);
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", rotated);
        Assert.Equal(401, (int)(await stranger.GetAsync("/v1/jobs")).StatusCode);

        var created = await admin.PostAsJsonAsync("/v1/sessions", new { libraryId = "drums" });
        Assert.Equal(201, (int)created.StatusCode);
        var sessionId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["sessionId"]!.GetValue<string>();
        var browser = new SessionSocketClient(() => host.Address, sessionId, issued, "browser");
        var tool = new SessionSocketClient(() => host.Address, sessionId, issued, "tool");
        await browser.ConnectAsync(keyAsSubprotocol: true);
        await tool.ConnectAsync();
        Assert.Equal("samplemind.session", browser.SubProtocol);
        await browser.DisconnectAsync();
        await tool.DisconnectAsync();

        // A client that puts its key in the URL anyway is refused, and the request log, which writes URLs, cuts the secret out.
        using var careless = new HttpClient { BaseAddress = host.Address };
        Assert.Equal(401, (int)(await careless.GetAsync($"/v1/sessions/{sessionId}/ws?access_token={issued}")).StatusCode);

        // The console logger writes on its own thread: a last request, logged after all of the above, marks the end.
        var marker = Guid.NewGuid().ToString("N");
        await stranger.GetAsync($"/v1/jobs/marker-{marker}");
        await Eventually.HoldsAsync(() => host.Output.Contains(marker, StringComparison.Ordinal), s_wait, "the host to log the last request");

        var log = host.Output;
        Assert.Contains($"/v1/sessions/{sessionId}/ws", log);
        Assert.Contains("/v1/tenants/admin/keys", log);
        Assert.Contains($"access_token=smk_{KeyId(issued)}_[redacted]", log);
        foreach (var token in new[] { adminToken, issued, doomed, rotated })
        {
            Assert.DoesNotContain(Secret(token), log);
        }
    }

    [Fact]
    public async Task A_host_started_outside_its_folder_keeps_the_shipped_quiet_request_log()
    {
        // The working directory (the data folder here) has no appsettings.json: the host takes the one beside it, whose
        // Microsoft.AspNetCore level (Warning) keeps URLs out of the log, where the framework's default would log them.
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "one-tone")).FullName;
        WavWriter.Sine(Path.Combine(folder, "tone.wav"), 440, 0.2);
        await using var host = await HostProcess.StartAsync(_dir, new Dictionary<string, string> { ["Ingest__Roots__admin__0"] = folder });
        using var admin = host.CreateAdminClient(_dir);

        var started = await admin.PostAsJsonAsync("/v1/libraries/url-in-log/ingests", new { source = new { kind = "directory", path = folder } });
        Assert.Equal(202, (int)started.StatusCode);
        var jobId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["jobId"]!.GetValue<string>();

        // The job's registration is logged (Information, our category) after the request began.
        await Eventually.HoldsAsync(() => host.Output.Contains($"Work job {jobId} registered", StringComparison.Ordinal), s_wait,
            "the host to log the job's registration");
        Assert.DoesNotContain("url-in-log", host.Output);
        Assert.DoesNotContain("Request starting", host.Output);
    }

    private static async Task<string> TokenAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    /// <summary>The public key id of smk_{keyId}_{secret}.</summary>
    private static string KeyId(string token) => token.Split('_')[1];

    /// <summary>The secret of smk_{keyId}_{secret} (base64url, which may itself hold '_').</summary>
    private static string Secret(string token)
    {
        var secret = token[(token.IndexOf('_', 4) + 1)..];
        Assert.True(secret.Length >= 40, "a token's secret is 32 random bytes");
        return secret;
    }
}
