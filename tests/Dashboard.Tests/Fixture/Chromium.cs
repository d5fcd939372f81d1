using Microsoft.Playwright;

namespace SampleMind.Dashboard.Tests.Fixture;

/// <summary>
/// Launches Debian's headless Chromium (/usr/bin/chromium) through Playwright; Playwright never
/// downloads a browser here. Shared by the browser tests and bench/Dashboard.Bench.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: install Debian's chromium (scripts/setup.sh does with SAMPLEMIND_SETUP_TEST=1)");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    /// <summary>Called before <see cref="Playwright.CreateAsync"/> so that the driver never fetches a browser.</summary>
    public static void ForbidBrowserDownload() => Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
}
