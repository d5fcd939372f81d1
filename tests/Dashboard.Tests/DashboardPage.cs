using Microsoft.Playwright;
using SampleMind.Dashboard.Tests.Fixture;

namespace SampleMind.Dashboard.Tests;

/// <summary>
/// One test's world: a fresh simulated cluster, its fixture server, and a 1280×800 page on the
/// dashboard. Disposing closes the page before the server so that open streams end first.
/// </summary>
internal sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private DashboardPage(DashboardServer server, IBrowserContext context, IPage page)
    {
        Server = server;
        _context = context;
        Page = page;
    }

    public DashboardServer Server { get; }

    public SimulatedCluster Cluster => Server.Cluster;

    public IPage Page { get; }

    public static async Task<DashboardPage> OpenAsync(IBrowser browser)
    {
        var server = await DashboardServer.StartAsync(new SimulatedCluster());
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            BaseURL = server.BaseAddress.ToString(),
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard/");
        await Assertions.Expect(page.GetByTestId("login-key")).ToBeVisibleAsync();
        return new DashboardPage(server, context, page);
    }

    /// <summary>Types a key into the sign-in form and submits it.</summary>
    public async Task SignInAsync(string key)
    {
        await Page.GetByTestId("login-key").FillAsync(key);
        await Page.GetByTestId("login-submit").ClickAsync();
    }

    /// <summary>Signs in with the fixture's admin key and waits until the silos are drawn.</summary>
    public async Task SignInAsAdminAsync()
    {
        await SignInAsync(DashboardServer.AdminKey);
        await Assertions.Expect(Page.GetByTestId("silo-row")).ToHaveCountAsync(SnapshotGenerator.SiloCount);
    }

    public ILocator JobRow(string jobId) => Page.Locator($"[data-testid=job-row][data-job-id='{jobId}']");

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        await Server.DisposeAsync();
    }
}
