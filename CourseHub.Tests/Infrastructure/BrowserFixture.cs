using Microsoft.Playwright;

namespace CourseHub.Tests.Infrastructure;

/// <summary>Debian's Chromium, headless, driven by Playwright (no browser download: ExecutablePath).</summary>
public static class Browsers
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<BrowserSession> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./eng/install-prerequisites.sh (apt-get install -y chromium).");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new BrowserSession(playwright, browser);
    }

    /// <summary>Screenshots go to TestResults/screenshots next to the test assembly, for people to look at.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    /// <summary>
    /// The page at 1280 and 390 px, light and dark (the browser's colour scheme, which the Web follows by default), for
    /// people to look at: each in a fresh context with the same sign-in, once <paramref name="ready"/> has stayed on screen.
    /// </summary>
    public static async Task ScreenshotsAsync(IBrowser browser, IBrowserContext signedIn, string url, string name, Func<IPage, ILocator> ready)
    {
        var state = await signedIn.StorageStateAsync();
        foreach (var (width, scheme) in new[] { (1280, ColorScheme.Light), (1280, ColorScheme.Dark), (390, ColorScheme.Light), (390, ColorScheme.Dark) })
        {
            await using var context = await browser.NewContextAsync(new()
            {
                StorageState = state, ViewportSize = new() { Width = width, Height = 900 }, ColorScheme = scheme,
            });
            var page = await context.NewPageAsync();
            await page.GotoAsync(url);
            var seen = 0;
            await Eventually.TrueAsync(async () =>
            {
                seen = await ready(page).IsVisibleAsync() ? seen + 1 : 0;
                return seen >= 10;
            }, TimeSpan.FromSeconds(30), $"{name} to settle at {width} px");
            await page.ScreenshotAsync(new() { Path = ScreenshotPath($"{name}-{width}-{scheme.ToString().ToLowerInvariant()}"), FullPage = true });
        }
    }
}

/// <summary>A launched browser and the Playwright driver behind it; disposing closes both.</summary>
public sealed class BrowserSession(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
{
    public IBrowser Browser { get; } = browser;

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
