using System.Net.Http.Headers;
using SampleMind.Api.Tests.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Ingest;

/// <summary>
/// A job's event stream resumed with <c>Last-Event-ID</c>: at the state the job is in, the stream opens at once and
/// waits (it sent no headers until the next change, which a client with a header timeout took for a dead server); at
/// the end the client has already, a <c>204</c> (an empty <c>200</c> made an EventSource reconnect for ever); a quiet
/// stream gets a keep-alive comment line. A host of
/// its own, without the cpu role: its job lists its folder and then stays as it is.
/// </summary>
public sealed class JobEventsResumeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_stream_resumed_at_the_current_state_opens_at_once_and_one_resumed_at_the_end_is_a_204()
    {
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Silo:Roles:0", "api").UseSetting("Api:StreamKeepAlive", "00:00:01"));
        using var client = factory.CreateAdminClient(host);
        var folder = Path.Combine(factory.IngestRoot, "still");
        WavWriter.Sine(Path.Combine(folder, "tone.wav"), 500, 0.5);
        var jobId = await ApiJson.StartDirectoryIngestAsync(client, "still", folder, "fast");
        await Eventually.HoldsAsync(
            async () => (await ApiJson.ReadAsync(await client.GetAsync($"/v1/jobs/{jobId}")))["listingComplete"]!.GetValue<bool>(),
            s_timeout, "the job to list its folder");

        var first = await FirstEventAsync(client, jobId, lastEventId: null);
        Assert.Equal("progress", first.Type);

        // Nothing changes (no worker): the resumed stream answers with its headers and no event.
        using var timeout = new CancellationTokenSource(s_timeout);
        using var resumed = await SendAsync(client, jobId, first.Id, timeout.Token);
        Assert.Equal(200, (int)resumed.StatusCode);
        Assert.Equal("text/event-stream", resumed.Content.Headers.ContentType!.MediaType);

        // Still nothing new: a comment line (Api:StreamKeepAlive, 1 s here) keeps the quiet stream from looking dead.
        using (var reader = new StreamReader(await resumed.Content.ReadAsStreamAsync(timeout.Token)))
        {
            Assert.Equal(": keep-alive", await reader.ReadLineAsync(timeout.Token));
            Assert.Equal("", await reader.ReadLineAsync(timeout.Token));
        }

        Assert.Equal(200, (int)(await client.PostAsync($"/v1/jobs/{jobId}/cancel", null)).StatusCode);
        var end = await FirstEventAsync(client, jobId, first.Id);
        Assert.Equal("end", end.Type);
        Assert.NotEqual(first.Id, end.Id);
        using var again = await SendAsync(client, jobId, end.Id, timeout.Token);
        Assert.Equal(204, (int)again.StatusCode);
        using var older = await SendAsync(client, jobId, first.Id, timeout.Token);
        Assert.Contains("event: end", await older.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string jobId, string? lastEventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{jobId}/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>The stream's first event: its type and id.</summary>
    private static async Task<(string Type, string Id)> FirstEventAsync(HttpClient client, string jobId, string? lastEventId)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        using var response = await SendAsync(client, jobId, lastEventId, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        string? type = null, id = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0 && type is not null)
            {
                break;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line["id: ".Length..];
            }
        }

        return (type!, id!);
    }
}
