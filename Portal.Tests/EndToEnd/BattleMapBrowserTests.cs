using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Escalation;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// A supervisor watches the battle map; a request's sign deadline passes and the escalation scan records it overdue; the
/// department's overdue cell turns red in the open page, with no reload, and opens that request.
/// </summary>
public class BattleMapBrowserTests
{
    [Fact]
    public async Task ARequestBecomingOverdue_TurnsItsDepartmentsCellRed_WithoutAReload()
    {
        // Dispatched Monday 2 March 2026 at 09:00: the sign deadline is one working day on, at the close of Tuesday.
        var time = new ShiftedTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, WorkCalendar.Offset));
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var portal = new PortalFactory(database, kestrel: true, services: s => s.AddSingleton<TimeProvider>(time));
        portal.StartServer();
        var (number, department) = await DispatchedAsync(portal);

        await Chromium.RunAsync(nameof(ARequestBecomingOverdue_TurnsItsDepartmentsCellRed_WithoutAReload), async page =>
        {
            await BrowserLogin.SignInAsync(page, portal.ServerAddress, "supervisor@yqby.test");
            await page.GotoAsync(new Uri(portal.ServerAddress, "/dashboard?tab=map").ToString());
            await BrowserLogin.InteractiveAsync(page);
            var tile = page.Locator($"[data-testid='map-departments'] [data-testid='map-tile'][data-key='{department}']");
            var overdue = tile.Locator("[data-count='Overdue']");
            await Expect(tile.Locator("[data-count='OnTime']")).ToHaveTextAsync("1");
            await Expect(overdue).ToHaveAttributeAsync("data-lit", "false");
            await page.EvaluateAsync("() => window.watching = true");

            // Wednesday 10:00: an hour or two of working time past the sign deadline; the scan records it overdue.
            time.Set(new DateTimeOffset(2026, 3, 4, 10, 0, 0, WorkCalendar.Offset));
            await RecordedOverdueAsync(portal, number);

            await Expect(overdue).ToHaveAttributeAsync("data-lit", "true");
            await Expect(overdue).ToHaveTextAsync("1");
            await Expect(overdue).ToHaveCSSAsync("background-color", "rgb(198, 40, 40)");
            await Expect(tile.Locator("[data-count='OnTime']")).ToHaveAttributeAsync("data-lit", "false");
            Assert.True(await page.EvaluateAsync<bool>("() => window.watching === true"), "the page was not reloaded");

            await overdue.ClickAsync();
            await Expect(page.GetByTestId("request-link")).ToHaveTextAsync(number);
            await Expect(page.GetByTestId("level-filter")).ToContainTextAsync("超期");
        });
    }

    /// <summary>
    /// Scans until the request's overdue level is recorded: the portal's own recurring scan may hold this node's scan
    /// gate when the test's asks, and then the test's does nothing.
    /// </summary>
    private static async Task RecordedOverdueAsync(PortalFactory portal, string number)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            await EscalationJobTests.ScanAsync(portal.Services);
            if (await portal.Services.QueryAsync(db => db.Escalations.AnyAsync(e => e.Level == EscalationLevel.Overdue
                && db.ServiceRequests.Any(r => r.Id == e.RequestId && r.Number == number))))
            {
                return;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"No scan recorded {number} overdue.");
    }

    private static async Task<(string Number, int Department)> DispatchedAsync(PortalFactory portal)
    {
        var enterprise = await portal.Services.UserAsync("enterprise@yqby.test");
        var commissioner = await portal.Services.UserAsync("commissioner@yqby.test");
        var (land, department) = await portal.Services.QueryAsync(async db => (
            await db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync(),
            await db.Departments.Where(d => d.Code == "ZRZY").Select(d => d.Id).SingleAsync()));
        var number = await portal.Services.RequestsAsync(s => s.SubmitAsync(enterprise, new SubmitRequestInput(
            enterprise.EnterpriseId!.Value, land, Urgency.Normal, RequestChannel.Portal, "用地指标协调", "请协调建设用地指标。")));
        await portal.Services.RequestsAsync(async s =>
        {
            await s.DispatchAsync(commissioner, number, (await s.GetAsync(commissioner, number))!.Version, department);
            return number;
        });
        return (number, department);
    }
}
