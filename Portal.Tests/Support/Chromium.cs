using Microsoft.Playwright;

namespace Portal.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright; Playwright never downloads a browser of its own. A test
/// that fails leaves a screenshot in test-output/screenshots.
/// </summary>
public static class Chromium
{
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static async Task RunAsync(string testName, Func<IPage, Task> test)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = Arguments,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        try
        {
            await test(page);
        }
        catch
        {
            var folder = Path.Combine(Environment.GetEnvironmentVariable("PORTAL_TEST_OUTPUT") ?? Path.GetTempPath(), "screenshots");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, testName + ".png"), FullPage = true });
            throw;
        }
    }
}
