using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SampleMind.Dashboard.Tests.Fixture;

namespace SampleMind.Dashboard.Tests;

/// <summary>
/// What the page draws from one snapshot handed to <c>window.samplemindDashboard.render</c>: totals over every job,
/// grain figures without calls, server texts with bidirectional controls, accessible names, and the layout at a
/// phone's and a wide screen's width.
/// </summary>
public sealed class DashboardRenderTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_summary_and_the_set_aside_heading_count_every_job_and_active_jobs_past_the_cap_are_announced()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser);
        var snapshot = Snapshot(dashboard);
        snapshot["jobTotals"] = new JsonObject { ["running"] = 51, ["paused"] = 5, ["activeNotShown"] = 7, ["failed"] = 4321 };

        await RenderAsync(dashboard.Page, snapshot);

        // Before, the page counted the listed rows: 40 running, 75 set aside.
        await Assertions.Expect(dashboard.Page.GetByTestId("sum-jobs")).ToHaveTextAsync("51");
        await Assertions.Expect(dashboard.Page.Locator("#setaside-count")).ToHaveTextAsync("(4,321, latest 12 shown)");
        await Assertions.Expect(dashboard.Page.GetByTestId("jobs-more")).ToHaveTextAsync("7 more active jobs not shown");

        snapshot["jobTotals"]!["activeNotShown"] = 0;
        await RenderAsync(dashboard.Page, snapshot);
        await Assertions.Expect(dashboard.Page.GetByTestId("jobs-more")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_grain_type_without_calls_in_the_window_shows_the_plain_mean_of_its_silos()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser);
        var snapshot = Snapshot(dashboard);
        snapshot["grains"] = new JsonArray(
            Grain("IdleGrain", "silo-001", p50Ms: 2, errorRate: 0.01),
            Grain("IdleGrain", "silo-002", p50Ms: 4, errorRate: 0.03));

        await RenderAsync(dashboard.Page, snapshot);

        // Before, weighted by calls/s = 0 on every silo: "0 ms" and "0 %".
        var cells = dashboard.Page.GetByTestId("grain-row").Locator("td");
        await Assertions.Expect(cells.Nth(3)).ToHaveTextAsync("0");
        await Assertions.Expect(cells.Nth(4)).ToHaveTextAsync("3 ms");
        await Assertions.Expect(cells.Nth(6)).ToHaveTextAsync("2 %");
    }

    [Fact]
    public async Task Bidirectional_controls_in_server_texts_are_shown_as_visible_escapes()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser);
        var snapshot = Snapshot(dashboard);
        snapshot["setAside"] = new JsonArray(new JsonObject
        {
            ["jobId"] = "job-01", ["itemKey"] = "imports/evil\u202Egnp.wav",
            ["error"] = "cannot decode 'evil\u202Egnp.wav' (\u2067isolated\u2069): not an audio file", ["attempts"] = 1,
        });

        await RenderAsync(dashboard.Page, snapshot);

        // Before, the override reached the page and reversed the rest of the cell.
        var cells = dashboard.Page.GetByTestId("setaside-row").Locator("td");
        await Assertions.Expect(cells.Nth(1)).ToHaveTextAsync("imports/evil‹U+202E›gnp.wav");
        await Assertions.Expect(cells.Nth(2)).ToHaveTextAsync("cannot decode 'evil‹U+202E›gnp.wav' (‹U+2067›isolated‹U+2069›): not an audio file");
        var anyControl = await dashboard.Page.EvaluateAsync<bool>(
            @"() => /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(document.getElementById('dashboard-view').textContent)");
        Assert.False(anyControl, "no bidirectional control is left in the page's text");
    }

    [Fact]
    public async Task The_badge_is_a_live_region_progress_bars_are_named_and_a_silo_row_filters_from_the_keyboard()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser);
        var page = dashboard.Page;
        await RenderAsync(page, Snapshot(dashboard));

        await Assertions.Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("aria-live", "polite");
        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Progress of job job-01" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Utilisation of gpu-01" })).ToHaveCountAsync(1);

        var silo = page.Locator("[data-testid=silo-row][data-silo-id=silo-002]");
        await silo.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("grain-silo")).ToHaveValueAsync("silo-002");
        await Assertions.Expect(page.GetByTestId("grain-row").First.Locator("td").Nth(2)).ToHaveTextAsync("1");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByTestId("grain-silo")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task At_390_px_the_page_does_not_scroll_sideways_and_at_1400_px_the_slowest_methods_fit_their_column()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser);
        var page = dashboard.Page;
        var snapshot = Snapshot(dashboard);
        // Names as the real host reports them (the probe's 1400 px screenshot): the longest method pushed p99 and Calls out.
        snapshot["slowestMethods"] = new JsonArray(
            Method("ingestjob", "Start", 1795.7, 12), Method("tenant", "CreateWithFirstKey", 733.6, 3),
            Method("tenantlibraries", "RecordJobAndNotifyEveryWatcher", 261.1, 100_000), Method("apikey", "Store", 145.5, 4));

        await page.SetViewportSizeAsync(390, 800);
        await RenderAsync(page, snapshot);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"at 390 px the page scrolls sideways by {overflow} px");

        await page.SetViewportSizeAsync(1400, 900);
        await RenderAsync(page, snapshot);
        var hidden = await page.Locator("#slowest").EvaluateAsync<int>(
            "tbody => { const wrap = tbody.closest('.table-wrap'); return wrap.scrollWidth - wrap.clientWidth; }");
        Assert.True(hidden <= 0, $"at 1400 px the slowest methods scroll sideways by {hidden} px");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
    }

    private static JsonObject Snapshot(DashboardPage dashboard) =>
        JsonNode.Parse(RenderTimer.SnapshotJson(dashboard.Cluster))!.AsObject();

    private static Task RenderAsync(IPage page, JsonObject snapshot) => RenderTimer.MeasureAsync(page, snapshot.ToJsonString());

    private static JsonObject Grain(string type, string silo, double p50Ms, double errorRate) => new()
    {
        ["grainType"] = type, ["siloId"] = silo, ["activations"] = 1, ["callsPerSecond"] = 0,
        ["p50Ms"] = p50Ms, ["p99Ms"] = 10, ["errorRate"] = errorRate,
    };

    private static JsonObject Method(string type, string method, double p99Ms, long calls) => new()
    {
        ["grainType"] = type, ["method"] = method, ["p99Ms"] = p99Ms, ["calls"] = calls,
    };
}
