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
