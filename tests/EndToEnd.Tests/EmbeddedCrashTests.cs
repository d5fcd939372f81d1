using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SampleMind.TestSupport;

namespace SampleMind.EndToEnd.Tests;

/// <summary>
/// Issue #5's crash test in embedded mode: ingest the 836 real samples, kill -9 the host half-way,
/// start it again on the same data directory: the job finishes with every file in the results once,
/// and no file handed out again beyond those in flight at the kill.
/// </summary>
public sealed class EmbeddedCrashTests : IDisposable
{
    private const int Concurrency = 2;
    private readonly string _dir = Directory.CreateTempSubdirectory("samplemind-crash-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SharedDataFact]
    public async Task A_job_interrupted_by_kill_9_finishes_after_restart_with_every_file_once()
    {
        var files = Directory.EnumerateFiles(RepoPaths.SamplesDev, "*", SearchOption.AllDirectories)
            .Count(f => Path.GetExtension(f).ToLowerInvariant() is ".wav" or ".flac" or ".ogg" or ".mp3" or ".aif" or ".aiff");
        var settings = new Dictionary<string, string>
        {
            ["Ingest__Roots__admin__0"] = RepoPaths.SamplesDev,
            ["Ingest__Concurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        string jobId;
        await using (var first = await HostProcess.StartAsync(_dir, settings))
        {
            using var client = first.CreateAdminClient(_dir);
            var started = await client.PostAsJsonAsync("/v1/libraries/crash/ingests",
                new { source = new { kind = "directory", path = RepoPaths.SamplesDev }, level = "fast" });
            Assert.Equal(202, (int)started.StatusCode);
            jobId = JsonNode.Parse(await started.Content.ReadAsStringAsync())!["jobId"]!.GetValue<string>();
            await Eventually.HoldsAsync(async () => Done(await StatusAsync(client, jobId, first)) >= files / 3,
                TimeSpan.FromMinutes(3), "a third of the files to be done before the kill");
            first.Kill();
        }

        await using var second = await HostProcess.StartAsync(_dir, settings);
        using var again = second.CreateAdminClient(_dir);
        JsonNode status = new JsonObject();
        await Eventually.HoldsAsync(async () => (status = await StatusAsync(again, jobId, second))["state"]!.GetValue<string>() == "Completed",
            TimeSpan.FromMinutes(5), "the job to complete after the restart");

        Assert.Equal(files, status["listed"]!.GetValue<long>());
        Assert.Equal(files, Done(status));
        var rows = (await again.GetStringAsync($"/v1/jobs/{jobId}/results?format=json"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(files, rows.Count);
        Assert.Equal(files, rows.Select(r => r["path"]!.GetValue<string>()).Distinct().Count());
        // Leased at the kill: the items in flight and as many claimed ahead (the worker prefetches its concurrency; those
        // had not started, so handing them out again repeats no work).
        var handedOutAgain = rows.Count(r => r["claims"]?.GetValue<int>() > 1);
        Assert.True(handedOutAgain <= 2 * Concurrency,
            $"{handedOutAgain} files were handed out more than once; at most {Concurrency} were in flight and {Concurrency} claimed ahead");
    }

    /// <summary>The job's status; a failed request says what became of the host (a CI run once saw it refuse connections).</summary>
    private static async Task<JsonNode> StatusAsync(HttpClient client, string jobId, HostProcess host)
    {
        try
        {
            return JsonNode.Parse(await client.GetStringAsync($"/v1/jobs/{jobId}"))!;
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"GET /v1/jobs/{jobId} failed ({e.Message}); {host.Describe()}", e);
        }
    }

    private static long Done(JsonNode status) => status["succeeded"]!.GetValue<long>() + status["failed"]!.GetValue<long>();
}
