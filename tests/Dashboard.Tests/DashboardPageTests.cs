using System.Globalization;
using Microsoft.Playwright;
using SampleMind.Dashboard.Tests.Fixture;
using SampleMind.TestSupport;
using Xunit.Abstractions;

namespace SampleMind.Dashboard.Tests;

/// <summary>
/// The operator dashboard's static page against the fixture server: sign-in, the 100-silo
/// render (its time recorded here, held to the 1 s goal by bench/Dashboard.Bench), live updates
/// from the stream, and job controls.
/// </summary>
public sealed class DashboardPageTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_bad_key_shows_the_problem_detail_and_the_admin_key_shows_every_silo_and_the_charts()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser);
        var page = dashboard.Page;

        await dashboard.SignInAsync("smk_not_a_real_key");
        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync(DashboardServer.BadKeyDetail);
        await Assertions.Expect(page.GetByTestId("dashboard")).ToBeHiddenAsync();

        await dashboard.SignInAsAdminAsync();
        await Assertions.Expect(page.GetByTestId("login-form")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("job-row")).ToHaveCountAsync(SnapshotGenerator.JobCount);
        await Assertions.Expect(page.GetByTestId("job-progress")).ToHaveCountAsync(SnapshotGenerator.JobCount);
        await Assertions.Expect(page.GetByTestId("session-row")).ToHaveCountAsync(SnapshotGenerator.SessionCount);
        await Assertions.Expect(page.GetByTestId("gpu-row")).ToHaveCountAsync(SnapshotGenerator.GpuSiloCount);
        // Each cell is isolated from its neighbours' writing direction: a name with a right-to-left override reverses only itself.
        Assert.Equal("isolate", await page.GetByTestId("job-row").First.Locator("td").First.EvaluateAsync<string>("td => getComputedStyle(td).unicodeBidi"));
        await Assertions.Expect(page.GetByTestId("grain-row")).ToHaveCountAsync(SnapshotGenerator.GrainTypeCount);
        await Assertions.Expect(page.Locator("[data-testid=gpu-row][data-cpu-fallback=true]")).ToContainTextAsync("CPU fallback");
        await Assertions.Expect(page.Locator("[data-testid=silo-row][data-silo-id=silo-001]")).ToContainTextAsync("any 11 · cpu 12");
        await Assertions.Expect(page.Locator("[data-testid=silo-row][data-silo-id=gpu-01]")).ToContainTextAsync("gpu 102");
        var changes = page.GetByTestId("membership-change");
        await Assertions.Expect(changes).ToHaveCountAsync(SnapshotGenerator.MembershipChangeCount);
        await Assertions.Expect(changes.Filter(new() { HasText = "declared-dead" }).GetByTestId("membership-detail"))
            .ToHaveTextAsync(SnapshotGenerator.DeathDeclaredBy);
        await Assertions.Expect(changes.Filter(new() { HasText = "new-incarnation" })).ToContainTextAsync("after silo-004@1764790000000");
        foreach (var chart in new[] { "chart-calls", "chart-p99", "chart-queue" })
        {
            var line = page.GetByTestId(chart).GetByTestId("chart-line");
            await Assertions.Expect(line).ToHaveAttributeAsync(
                "data-points", SnapshotGenerator.HistoryPoints.ToString(CultureInfo.InvariantCulture));
            var points = await line.GetAttributeAsync("points") ?? "";
            Assert.Equal(SnapshotGenerator.HistoryPoints, points.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.True(await page.GetByTestId(chart).Locator("text.tick").CountAsync() >= 5, $"{chart} has axis labels");
        }

        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 0);
    }

    [Fact]
    public async Task The_100_silo_snapshot_renders_every_silo_and_an_update_in_place_and_the_render_times_are_recorded()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser);
        var page = dashboard.Page;
        var first = RenderTimer.SnapshotJson(dashboard.Cluster);
        dashboard.Cluster.Advance();
        var second = RenderTimer.SnapshotJson(dashboard.Cluster);

        var coldMs = await RenderTimer.MeasureAsync(page, first);
        await Assertions.Expect(page.GetByTestId("silo-row")).ToHaveCountAsync(SnapshotGenerator.SiloCount);
        await Assertions.Expect(page.GetByTestId("grain-row")).ToHaveCountAsync(SnapshotGenerator.GrainTypeCount);
        await Assertions.Expect(page.GetByTestId("queue-depth-cpu")).ToHaveTextAsync(Formatted(SnapshotGenerator.CpuQueueDepth(0)));
        await page.EvaluateAsync("() => { document.querySelector('[data-testid=silo-row]').dataset.kept = 'yes'; }");

        var updateMs = await RenderTimer.MeasureAsync(page, second);
        await Assertions.Expect(page.GetByTestId("queue-depth-cpu")).ToHaveTextAsync(Formatted(SnapshotGenerator.CpuQueueDepth(1)));
        await Assertions.Expect(page.GetByTestId("silo-row")).ToHaveCountAsync(SnapshotGenerator.SiloCount);
        Assert.Equal(1, await page.Locator("[data-testid=silo-row][data-kept=yes]").CountAsync());

        // The figure is recorded here and held to the 1 s goal in bench/Dashboard.Bench (many runs,
        // quiet machine): a single timing on a shared CI machine is not a test of speed.
        var line = $"render of {SnapshotGenerator.SiloCount} silos × {SnapshotGenerator.GrainTypeCount} grain types: " +
            $"first {coldMs:0.0} ms, update {updateMs:0.0} ms (goal under 1000 ms, checked by bench/Dashboard.Bench)";
        output.WriteLine(line);
        var artefact = Path.Combine(AppContext.BaseDirectory, "TestResults", "render-times.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(artefact)!);
        await File.WriteAllTextAsync(artefact, line + Environment.NewLine);
        Assert.True(coldMs > 0 && updateMs > 0, "the page reports positive render times");
    }

    [Fact]
    public async Task Streamed_snapshots_update_the_queue_depth_without_reloading_the_page()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser);
        var page = dashboard.Page;
        await dashboard.SignInAsAdminAsync();
        var depth = page.GetByTestId("queue-depth-cpu");
        await Assertions.Expect(depth).ToHaveTextAsync(Formatted(SnapshotGenerator.CpuQueueDepth(dashboard.Cluster.Tick)));
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "live");
        await page.EvaluateAsync("() => { window.__sameDocument = 'kept'; }");

        for (var step = 0; step < 2; step++)
        {
            dashboard.Cluster.Advance();
            await Assertions.Expect(depth).ToHaveTextAsync(Formatted(SnapshotGenerator.CpuQueueDepth(dashboard.Cluster.Tick)));
        }

        Assert.Equal("kept", await page.EvaluateAsync<string>("() => window.__sameDocument"));
        Assert.Equal(1, await page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length"));
    }

    [Fact]
    public async Task Pause_and_resume_post_to_the_job_urls_and_the_row_follows_the_next_snapshot()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser);
        await dashboard.SignInAsAdminAsync();
        var jobId = dashboard.Cluster.FirstJobIn("Running");
        var row = dashboard.JobRow(jobId);
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "Running");
        await Assertions.Expect(row.GetByTestId("job-resume")).ToBeDisabledAsync();

        await row.GetByTestId("job-pause").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "Paused");
        await Assertions.Expect(row.GetByTestId("job-pause")).ToBeDisabledAsync();
        await Assertions.Expect(row.GetByTestId("job-resume")).ToBeEnabledAsync();
        await Assertions.Expect(row.GetByTestId("job-cancel")).ToBeEnabledAsync();

        await row.GetByTestId("job-resume").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "Running");
        await Assertions.Expect(row.GetByTestId("job-pause")).ToBeEnabledAsync();

        await Eventually.HoldsAsync(() => dashboard.Cluster.Actions.Count >= 2, TimeSpan.FromSeconds(5), "two job actions recorded");
        Assert.Equal([new JobAction(jobId, "pause"), new JobAction(jobId, "resume")], dashboard.Cluster.Actions);
    }

    [Fact]
    public async Task Finished_jobs_offer_no_controls_and_paused_jobs_offer_resume()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser);
        await dashboard.SignInAsAdminAsync();

        foreach (var state in new[] { "Completed", "Cancelled" })
        {
            var finished = dashboard.JobRow(dashboard.Cluster.FirstJobIn(state));
            await Assertions.Expect(finished).ToHaveAttributeAsync("data-state", state);
            await Assertions.Expect(finished.Locator("button:enabled")).ToHaveCountAsync(0);
        }

        var paused = dashboard.JobRow(dashboard.Cluster.FirstJobIn("Paused"));
        await Assertions.Expect(paused.GetByTestId("job-pause")).ToBeDisabledAsync();
        await Assertions.Expect(paused.GetByTestId("job-resume")).ToBeEnabledAsync();
        Assert.Empty(dashboard.Cluster.Actions);
    }

    [Fact]
    public async Task A_failed_first_load_keeps_the_key_and_tries_again_with_back_off_until_the_dashboard_loads()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser);
        var page = dashboard.Page;
        var refused = 0;
        await page.RouteAsync("**/v1/dashboard/snapshot", async route =>
        {
            // The host restarting: two 503s, then the real answer.
            if (Interlocked.Increment(ref refused) <= 2)
            {
                await route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"The host is starting.\"}" });
            }
            else
            {
                await route.ContinueAsync();
            }
        });

        await dashboard.SignInAsync(DashboardServer.AdminKey);

        // Before, the first 503 removed the key and showed the sign-in form again.
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "reconnecting");
        await Assertions.Expect(page.GetByTestId("connection")).ToContainTextAsync("reconnecting in");
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("The host is starting.");
        await Assertions.Expect(page.GetByTestId("login-form")).ToBeHiddenAsync();
        Assert.Equal(DashboardServer.AdminKey, await page.EvaluateAsync<string?>("() => sessionStorage.getItem('samplemind.adminKey')"));

        await Assertions.Expect(page.GetByTestId("silo-row")).ToHaveCountAsync(SnapshotGenerator.SiloCount);
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "live");
        await Assertions.Expect(page.GetByTestId("notice")).ToBeHiddenAsync();
        Assert.Equal(3, Volatile.Read(ref refused));
    }

    [Fact]
    public async Task Cancel_asks_first_keep_leaves_the_job_and_confirming_posts_the_cancel()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser);
        await dashboard.SignInAsAdminAsync();
        var jobId = dashboard.Cluster.FirstJobIn("Running");
        var row = dashboard.JobRow(jobId);

        await row.GetByTestId("job-cancel").ClickAsync();
        // Before, the click posted the cancel at once.
        var confirm = row.GetByTestId("job-cancel-confirm");
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        await Assertions.Expect(confirm).ToContainTextAsync($"Cancel job {jobId}? This cannot be undone.");
        await Assertions.Expect(row.GetByTestId("job-cancel-keep")).ToBeFocusedAsync();
        await Assertions.Expect(row.GetByTestId("job-pause")).ToBeHiddenAsync();

        await row.GetByTestId("job-cancel-keep").ClickAsync();
        await Assertions.Expect(confirm).ToBeHiddenAsync();
        await Assertions.Expect(row.GetByTestId("job-cancel")).ToBeEnabledAsync();
        await row.GetByTestId("job-cancel").ClickAsync();
        await dashboard.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(confirm).ToBeHiddenAsync();
        Assert.Empty(dashboard.Cluster.Actions);

        await row.GetByTestId("job-cancel").ClickAsync();
        await row.GetByTestId("job-cancel-yes").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "Cancelled");
        await Assertions.Expect(row.Locator("button:enabled")).ToHaveCountAsync(0);
        Assert.Equal([new JobAction(jobId, "cancel")], dashboard.Cluster.Actions);
    }

    [Fact]
    public async Task A_failed_action_is_announced_as_an_alert()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser);
        var page = dashboard.Page;
        await dashboard.SignInAsAdminAsync();
        await page.RouteAsync("**/v1/jobs/*/pause", route => route.FulfillAsync(new()
        {
            Status = 503, ContentType = "application/problem+json", Body = "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"Try again.\"}",
        }));

        await dashboard.JobRow(dashboard.Cluster.FirstJobIn("Running")).GetByTestId("job-pause").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Could not pause job" })).ToContainTextAsync("Try again.");
    }

    private static string Formatted(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
