using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// The queue's countdowns move in the browser by the calendar's working hours, with no server render: Playwright's
/// clock moves the browser's time by hours while the server's moves by seconds, so any server render would show
/// the server's value again.
/// </summary>
public class CountdownBrowserTests
{
    private const string Commissioner = "commissioner@yqby.test";

    [Fact]
    public async Task TheQueuesCountdown_TicksInTheBrowser_ByWorkingTimeOnly()
    {
        // Submitted Monday 2 March 2026 at 08:00, before work: the dispatch deadline is two working hours on, 10:30.
        var time = new ShiftedTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, WorkCalendar.Offset));
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var portal = new PortalFactory(database, kestrel: true, services: s => s.AddSingleton<TimeProvider>(time));
        portal.StartServer();
        var number = await SubmitAsync(portal);

        await Chromium.RunAsync(nameof(TheQueuesCountdown_TicksInTheBrowser_ByWorkingTimeOnly), async page =>
        {
            await BrowserLogin.SignInAsync(page, portal.ServerAddress, Commissioner);

            // The server renders at 09:00:05 and a few seconds: 1 h 29 min 55 s of working time left, less those seconds.
            // Every value below holds while the test takes less than 55 seconds from here.
            time.Set(new DateTimeOffset(2026, 3, 2, 9, 0, 5, WorkCalendar.Offset));
            await page.GotoAsync(new Uri(portal.ServerAddress, "/workspace").ToString());
            await BrowserLogin.InteractiveAsync(page);
            var countdown = page.Locator($"[data-testid='queue-row'][data-number='{number}'] [data-testid='queue-countdown']");
            await Expect(countdown).ToHaveTextAsync("剩余 1 小时 29 分");
            var renderedAt = await SettledAsync(countdown);
            // Faked from here on: the page's own timers (the circuit's, countdown.js's) keep running in real time,
            // only the time they read moves.
            await page.Clock.InstallAsync();

            // Ten working minutes in the browser.
            await page.Clock.FastForwardAsync("10:00");
            await Expect(countdown).ToHaveTextAsync("剩余 1 小时 19 分");

            // Three hours on, 12:10: the deadline passed at 10:30, and 12:00 began the lunch break.
            await page.Clock.FastForwardAsync("03:00:00");
            await Expect(countdown).ToHaveTextAsync("已超期 1 小时 30 分");

            // An hour of lunch break counts nothing; half an hour on, from 13:30, ten minutes count again.
            await page.Clock.FastForwardAsync("01:00:00");
            await Task.Delay(1500);
            await Expect(countdown).ToHaveTextAsync("已超期 1 小时 30 分");
            await page.Clock.FastForwardAsync("30:00");
            await Expect(countdown).ToHaveTextAsync("已超期 1 小时 40 分");

            Assert.Equal(renderedAt, await countdown.GetAttributeAsync("data-at"));
            Assert.True(time.GetUtcNow() < new DateTimeOffset(2026, 3, 2, 9, 5, 0, WorkCalendar.Offset), "the server's clock stayed near 09:00");
        });
    }

    /// <summary>
    /// The render instant the countdown shows once the interactive page has rendered (it may render twice as it
    /// starts): the same on two reads a second apart.
    /// </summary>
    private static async Task<string?> SettledAsync(ILocator countdown)
    {
        var renderedAt = await countdown.GetAttributeAsync("data-at");
        for (var read = 0; read < 10; read++)
        {
            await Task.Delay(1000);
            var again = await countdown.GetAttributeAsync("data-at");
            if (again == renderedAt)
            {
                return renderedAt;
            }
            renderedAt = again;
        }
        throw new InvalidOperationException("The queue kept rendering again.");
    }

    private static async Task<string> SubmitAsync(PortalFactory portal)
    {
        var user = await portal.Services.UserAsync("enterprise@yqby.test");
        var land = await portal.Services.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());
        return await portal.Services.RequestsAsync(s => s.SubmitAsync(user, new SubmitRequestInput(
            user.EnterpriseId!.Value, land, Urgency.Normal, RequestChannel.Portal, "用地指标协调", "请协调建设用地指标。")));
    }
}
