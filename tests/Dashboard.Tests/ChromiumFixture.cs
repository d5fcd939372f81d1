using Microsoft.Playwright;
using SampleMind.Dashboard.Tests.Fixture;

namespace SampleMind.Dashboard.Tests;

/// <summary>
/// One headless Debian Chromium shared by a test class; each test opens its own browser context.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started");

    public async Task InitializeAsync()
    {
        Chromium.ForbidBrowserDownload();
        // An expectation waits for the page to catch up; it is synchronisation, not a speed test (render
        // times are held to their goal in bench/Dashboard.Bench). Playwright's 5 s default was too short on
        // a loaded two-core CI runner: the first 100-silo render after sign-in arrived later once.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
