using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SampleMind.Ingest.Bench;

/// <summary>
/// Times one ingest the way a client sees it: from sending <c>POST /v1/libraries/{id}/ingests</c> of a
/// server-side directory to receiving the job's <c>end</c> event on <c>GET /v1/jobs/{id}/events</c>.
/// </summary>
internal sealed class IngestJobClient : IDisposable
{
    private readonly HttpClient _http;

    public IngestJobClient(Uri address, string adminKey)
    {
        // The event stream lasts as long as the job: no client-wide timeout, a deadline per call instead.
        _http = new HttpClient { BaseAddress = address, Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
    }

    /// <summary>
    /// Ingests the warm-up folder into a library of its own (the <paramref name="job"/>-th of this run; untimed);
    /// throws if that job does not complete cleanly.
    /// </summary>
    public async Task WarmUpAsync(BenchMode mode, int run, int job, WarmUpFolder warmUp, IngestBenchOptions options, CancellationToken cancellationToken)
    {
        if (warmUp.Files == 0)
        {
            return;
        }

        var status = await IngestAsync($"warmup-{mode.ToString().ToLowerInvariant()}-{run}-{job}", warmUp.Path, options, cancellationToken);
        if (status["state"]!.GetValue<string>() != "Completed" || status["succeeded"]!.GetValue<long>() != warmUp.Files
            || status["duplicates"]!.GetValue<long>() != warmUp.Duplicates)
        {
            throw new InvalidOperationException($"The warm-up ingest did not complete cleanly: {status.ToJsonString()}");
        }
    }

    public async Task<BenchRow> MeasureAsync(BenchMode mode, int run, IngestBenchOptions options, CancellationToken cancellationToken)
    {
        var library = $"bench-{mode.ToString().ToLowerInvariant()}-{run}";
        var cpuBefore = ChildProcessCpu.Total();
        var clock = Stopwatch.StartNew();
        var status = await IngestAsync(library, options.Folder, options, cancellationToken);
        clock.Stop();
        var hostCpu = ChildProcessCpu.Total() - cpuBefore;
        var state = status["state"]!.GetValue<string>();
        var failed = status["failed"]!.GetValue<long>();
        var files = status["succeeded"]!.GetValue<long>() + failed;
        var created = status["createdAt"]!.GetValue<DateTimeOffset>();
        var finished = status["finishedAt"]?.GetValue<DateTimeOffset>();
        var note = $"job {state}, {status["duplicates"]!.GetValue<long>()} duplicates, host cpu {hostCpu.TotalSeconds:0.00} s"
            + (finished is { } f ? $", server-side {(f - created).TotalSeconds:0.00} s" : "");
        if (failed > 0 && status["recentFailures"] is JsonArray failures && failures.Count > 0)
        {
            note += $"; first failure: {failures[0]!["path"]} {failures[0]!["reason"]}";
        }

        return new BenchRow(mode, run, files, failed, status["audioSeconds"]!.GetValue<double>(), clock.Elapsed, state == "Completed", note);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Posts the ingest of <paramref name="folder"/> and returns the job's final status (the <c>end</c> event).</summary>
    private async Task<JsonNode> IngestAsync(string library, string folder, IngestBenchOptions options, CancellationToken cancellationToken)
    {
        using var started = await _http.PostAsJsonAsync($"/v1/libraries/{library}/ingests",
            new { source = new { kind = "directory", path = folder }, level = options.LevelName }, cancellationToken);
        var body = await started.Content.ReadAsStringAsync(cancellationToken);
        if ((int)started.StatusCode != 202)
        {
            throw new InvalidOperationException($"POST ingests answered {(int)started.StatusCode}: {body}");
        }

        var jobId = JsonNode.Parse(body)!["jobId"]!.GetValue<string>();
        return await WaitForEndAsync(jobId, cancellationToken);
    }

    /// <summary>Reads the job's events until the <c>end</c> event; reconnects (with Last-Event-ID) if the stream drops.</summary>
    private async Task<JsonNode> WaitForEndAsync(string jobId, CancellationToken cancellationToken)
    {
        var lastId = "";
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{jobId}/events");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (lastId.Length > 0)
            {
                request.Headers.Add("Last-Event-ID", lastId);
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            string? type = null;
            string? data = null;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length > 0)
                {
                    (type, data, lastId) = Field(line, type, data, lastId);
                    continue;
                }

                if (type == "end" && data is not null)
                {
                    return JsonNode.Parse(data)!;
                }

                (type, data) = (null, null);
            }
        }
    }

    private static (string? Type, string? Data, string LastId) Field(string line, string? type, string? data, string lastId)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
        return name switch
        {
            "event" => (value, data, lastId),
            "data" => (type, data is null ? value : data + "\n" + value, lastId),
            "id" => (type, data, value),
            _ => (type, data, lastId),
        };
    }
}
