using System.Runtime;
using Microsoft.Playwright;

namespace Portal.Bench.Run;

/// <summary>
/// B4: the managed heap an open circuit on the queue page holds. Each round measures the heap (after a forced, compacting
/// GC) with no circuit open, then opens N pages of the queue in Debian's Chromium, waits until every one is interactive,
/// measures again, and closes them.
/// </summary>
public static class B4Circuits
{
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static async Task<Section> RunAsync(BenchPortal portal, RunOptions options, TextWriter log)
    {
        var section = new Section("B4", $"managed heap per open circuit on the queue page, {options.Circuits} circuits");
        var cookies = await portal.SignInAsync(BenchUsers.CommissionerEmail, BenchUsers.Password);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = Arguments,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        await context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = portal.Address.ToString() }));
        var queue = new Uri(portal.Address, "/workspace").ToString();

        // Warm-up: the first circuits fill caches (the calendar, settings, compiled queries) that every later one shares.
        await OpenAsync(context, queue, 5, portal);
        await CloseAllAsync(context, portal);

        var rounds = new List<(long Before, long After, int Open)>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            var before = Heap();
            var open = await OpenAsync(context, queue, options.Circuits, portal);
            var after = Heap();
            rounds.Add((before, after, open));
            log.WriteLine($"B4: round {round}/{options.Rounds}: {open} circuits, heap {before / 1048576.0:0.0} → {after / 1048576.0:0.0} MiB " +
                $"({(after - before) / (double)open / 1024:0} KiB each)");
            await CloseAllAsync(context, portal);
        }
        var perCircuit = Stats.Median(rounds.Select(r => (r.After - r.Before) / (double)r.Open / 1024));
        section.Verdicts.Add(new Verdict("managed heap per open circuit, after a forced GC", "≤ 1 MB (1,024 KiB)", $"{perCircuit:0} KiB", perCircuit <= 1024));
        var details = section.Details;
        details.AppendLine($"Pages of `/workspace` signed in as `{BenchUsers.CommissionerEmail}` (one browser context, one tab per circuit), each waited for until " +
            "its circuit is interactive (`main[data-interactive=true]`) and the portal counts it open. The heap is `GC.GetTotalMemory` after " +
            "`GC.Collect(2, Forced, blocking, compacting)` twice, in the portal's own process.").AppendLine();
        details.AppendLine("| round | circuits | heap before | heap with them open | per circuit |").AppendLine("|---|---|---|---|---|");
        for (var i = 0; i < rounds.Count; i++)
        {
            var (before, after, open) = rounds[i];
            details.AppendLine($"| {i + 1} | {open} | {before / 1048576.0:0.0} MiB | {after / 1048576.0:0.0} MiB | {(after - before) / (double)open / 1024:0} KiB |");
        }
        return section;
    }

    private static async Task<int> OpenAsync(IBrowserContext context, string url, int count, BenchPortal portal)
    {
        for (var i = 0; i < count; i++)
        {
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(60_000);
            await page.GotoAsync(url);
            await page.Locator("main[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }
        await WaitAsync(() => portal.Circuits.Open >= count, $"{count} circuits to open");
        return portal.Circuits.Open;
    }

    private static async Task CloseAllAsync(IBrowserContext context, BenchPortal portal)
    {
        foreach (var page in context.Pages.ToList())
        {
            // Leaving the page lets blazor.web.js tell the server (its disconnect beacon), so the circuit ends now
            // rather than after the three minutes a circuit is kept for a reconnect.
            await page.GotoAsync("about:blank");
            await page.CloseAsync();
        }
        await WaitAsync(() => portal.Circuits.Open == 0, "every circuit to close");
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new RunRefusal($"B4: gave up waiting for {what}.");
            }
            await Task.Delay(200);
        }
    }

    private static long Heap()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
