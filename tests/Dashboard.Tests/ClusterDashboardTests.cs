using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SampleMind.TestSupport;
using Xunit.Abstractions;

namespace SampleMind.Dashboard.Tests;

/// <summary>
/// The dashboard against a real 2-silo cluster (two API host processes on PostgreSQL) in Debian's
/// Chromium: sign-in with the cluster's admin key, both silos listed with the partitions they hold and their joins, an ingest of real samples whose
/// queue depth and progress change on the page without a reload, pause (progress stops), resume,
/// completion, and a screenshot saved as an artefact.
/// </summary>
public sealed class ClusterDashboardTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    private const int FileCount = 150;
    private static readonly TimeSpan s_jobTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Records every value the queue depth and the job's progress take on the page (DOM mutations).</summary>
    private const string RecordValues =
        """
        (jobId) => {
          const seen = window.__seen = { depth: new Set(), progress: new Set() };
          const read = () => {
            const depth = document.querySelector('[data-testid=queue-depth-cpu]');
            if (depth) seen.depth.add(depth.textContent);
            const bar = document.querySelector(`[data-testid=job-row][data-job-id='${jobId}'] [data-testid=job-progress]`);
            if (bar) seen.progress.add(bar.textContent);
          };
          new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
          read();
        }
        """;

    [SharedDataFact]
    public async Task The_dashboard_shows_both_silos_and_follows_an_ingest_through_pause_and_resume()
    {
        var files = SampleSubset();
        await using var cluster = await ApiClusterProcesses.StartAsync(new ApiClusterOptions
        {
            Silos = 2,
            Settings =
            {
                ["Ingest:Roots:admin:0"] = RepoPaths.SamplesDev,
                ["Ingest:Concurrency"] = "1",
            },
        });
        try
        {
            await RunAsync(cluster, files);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException(e.Message + "\n" + cluster.Output(), e);
        }
    }

    private async Task RunAsync(ApiClusterProcesses cluster, List<string> files)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            BaseURL = cluster.Silos[0].Address.ToString(),
        });
        context.SetDefaultTimeout(30_000);
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/dashboard/");
            await page.GetByTestId("login-key").FillAsync(cluster.AdminKey);
            await page.GetByTestId("login-submit").ClickAsync();
            await Assertions.Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "live");
            foreach (var silo in cluster.Silos)
            {
                await Assertions.Expect(page.Locator($"[data-testid=silo-row][data-silo-id='silo-{silo.Index}']"))
                    .ToHaveAttributeAsync("data-status", "active");
            }

            await Assertions.Expect(page.GetByTestId("silo-row")).ToHaveCountAsync(2);
            foreach (var silo in cluster.Silos)
            {
                // Both silos' partitions come from the lease table, whichever silo answers the snapshot.
                await Assertions.Expect(page.Locator($"[data-testid=silo-row][data-silo-id='silo-{silo.Index}']"))
                    .ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"any [1-9]\d*"));
            }

            await Assertions.Expect(page.GetByTestId("membership-change").Filter(new() { HasText = "joined" })).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("#mode")).ToHaveTextAsync("cluster mode");

            using var client = cluster.CreateAdminClient(1);
            await AssertClusterFiguresAsync(client);
            var jobId = await StartIngestAsync(client, files);
            await FollowJobAsync(page, client, jobId, files.Count);

            var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard-cluster.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            output.WriteLine($"screenshot: {screenshot}");
            Assert.True(new FileInfo(screenshot).Length > 0);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static async Task FollowJobAsync(IPage page, HttpClient client, string jobId, int fileCount)
    {
        var row = page.Locator($"[data-testid=job-row][data-job-id='{jobId}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.__sameDocument = 'kept'; }");
        await page.EvaluateAsync(RecordValues, jobId);
        var poll = new PageWaitForFunctionOptions { Timeout = (float)s_jobTimeout.TotalMilliseconds, PollingInterval = 50 };
        await page.WaitForFunctionAsync("() => window.__seen.depth.size >= 2 && window.__seen.progress.size >= 2", null, poll);

        await row.GetByTestId("job-pause").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "Paused");
        Assert.Equal("Paused", (await StatusAsync(client, jobId))["state"]!.GetValue<string>());

        // Items already claimed when the job paused still finish; after that nothing moves.
        JsonNode paused = new JsonObject();
        await Eventually.HoldsAsync(async () => (paused = await StatusAsync(client, jobId))["inFlight"]!.GetValue<long>() == 0,
            s_jobTimeout, "the paused job's claimed items to finish");
        Assert.True(Done(paused) < fileCount, $"the job paused with {Done(paused)} of {fileCount} files done");
        var label = row.GetByTestId("job-progress");
        var shown = await WaitForNextSnapshotAsync(page, label);
        Assert.Equal($"{Done(paused)} / {paused["listed"]!.GetValue<long>()}", shown); // duplicates are in succeeded, counted once
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(shown, await WaitForNextSnapshotAsync(page, label));
        }

        var stillPaused = await StatusAsync(client, jobId);
        Assert.Equal("Paused", stillPaused["state"]!.GetValue<string>());
        Assert.Equal(Done(paused), Done(stillPaused));

        await row.GetByTestId("job-resume").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("^(Running|Completed)$"));
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = (float)s_jobTimeout.TotalMilliseconds });
        var finished = await StatusAsync(client, jobId);
        Assert.Equal(fileCount, finished["listed"]!.GetValue<long>());
        Assert.Equal(fileCount, Done(finished));
        await Assertions.Expect(label).ToHaveAttributeAsync("aria-valuenow", "100");
        Assert.Equal("kept", await page.EvaluateAsync<string>("() => window.__sameDocument"));
        Assert.Equal(1, await page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length"));
    }

    /// <summary>
    /// The snapshot as the second silo serves it: both silos' CPU and memory (the first silo's as it
    /// published them with its heartbeat), their partitions of the any ring, and both joins.
    /// </summary>
    private static async Task AssertClusterFiguresAsync(HttpClient client)
    {
        JsonNode snapshot = new JsonObject();
        await Eventually.HoldsAsync(async () =>
        {
            snapshot = JsonNode.Parse(await client.GetStringAsync("/v1/dashboard/snapshot"))!;
            return snapshot["silos"]!.AsArray().All(s => s!["memoryMb"]!.GetValue<double>() > 0 && s["partitions"]!["any"] is not null);
        }, TimeSpan.FromSeconds(30), "both silos' memory and partitions in the snapshot");
        var silos = snapshot["silos"]!.AsArray();
        Assert.All(silos, s => Assert.InRange(s!["cpuPercent"]!.GetValue<double>(), 0, 100));
        Assert.All(silos, s => Assert.StartsWith("http://", s!["address"]!.GetValue<string>(), StringComparison.Ordinal));
        var changes = snapshot["membershipChanges"]!.AsArray();
        Assert.Equal(["joined", "joined"], changes.Select(c => c!["change"]!.GetValue<string>()));
        Assert.Equal(["silo-0", "silo-1"], changes.Select(c => c!["siloId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(changes, c => Assert.Contains(" at http://", c!["detail"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    /// <summary>Waits until the page renders a snapshot newer than the one shown, then returns the progress label.</summary>
    private static async Task<string> WaitForNextSnapshotAsync(IPage page, ILocator label)
    {
        var time = await page.GetByTestId("last-update").GetAttributeAsync("data-snapshot-time") ?? "";
        await page.WaitForFunctionAsync(
            "(t) => document.querySelector('[data-testid=last-update]').dataset.snapshotTime !== t", time);
        return await label.TextContentAsync() ?? "";
    }

    private static async Task<string> StartIngestAsync(HttpClient client, List<string> files)
    {
        var started = await client.PostAsJsonAsync("/v1/libraries/dashboard/ingests",
            new { source = new { kind = "manifest", root = RepoPaths.SamplesDev, files }, level = "standard" });
        Assert.Equal(202, (int)started.StatusCode);
        return JsonNode.Parse(await started.Content.ReadAsStringAsync())!["jobId"]!.GetValue<string>();
    }

    private static async Task<JsonNode> StatusAsync(HttpClient client, string jobId) =>
        JsonNode.Parse(await client.GetStringAsync($"/v1/jobs/{jobId}"))!;

    private static long Done(JsonNode status) => status["succeeded"]!.GetValue<long>() + status["failed"]!.GetValue<long>();

    /// <summary>Every fifth audio file of samples-dev in path order, the first <see cref="FileCount"/>: many classes, a short job.</summary>
    private static List<string> SampleSubset() =>
        [.. Directory.EnumerateFiles(RepoPaths.SamplesDev, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".wav" or ".flac" or ".ogg" or ".mp3" or ".aif" or ".aiff")
            .Select(f => Path.GetRelativePath(RepoPaths.SamplesDev, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Where((_, i) => i % 5 == 0)
            .Take(FileCount)];
}
