using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

/// <summary>The supervisors' desk above their queue, in Chromium at a phone's width, in a portal whose statements are counted.</summary>
public class SupervisorDeskTests
{
    [Fact]
    public async Task TheDispatchList_TurnsInteractiveWithoutQueryingAgain_CountsEveryRequest_AndLoadsTheNextPage()
    {
        var (portal, counter) = await StatementCounter.StartAsync(DatabaseProvider.Sqlite, kestrel: true);
        await using var _ = portal;
        var numbers = await UnroutedAsync(portal, SupervisorDesk.PageSize + 2);

        await Chromium.RunAsync(nameof(TheDispatchList_TurnsInteractiveWithoutQueryingAgain_CountsEveryRequest_AndLoadsTheNextPage), async page =>
        {
            var console = new List<string>();
            page.Console += (_, m) => console.Add(m.Text);
            await page.SetViewportSizeAsync(375, 800);
            await BrowserLogin.SignInAsync(page, portal.ServerAddress, "supervisor@yqby.test");
            counter.Clear();
            await page.GotoAsync(new Uri(portal.ServerAddress, "/workspace").ToString());
            try
            {
                await BrowserLogin.InteractiveAsync(page);
            }
            catch (PlaywrightException)
            {
                Assert.Fail(string.Join("\n", console));
            }
            var rows = page.GetByTestId("dispatch-row");
            await Expect(rows).ToHaveCountAsync(SupervisorDesk.PageSize);
            await Task.Delay(1000);

            var again = counter.ForPath("/_blazor").Where(s => s.Contains("ServiceRequests", StringComparison.Ordinal)).ToList();
            Assert.True(again.Count == 0, $"the interactive run queried requests again:\n{string.Join("\n;\n", again)}");
            await Expect(page.GetByTestId("dispatch-count")).ToHaveTextAsync($"{numbers.Count}");
            await Expect(page.GetByTestId("dispatch-shown")).ToHaveTextAsync($"已显示 {SupervisorDesk.PageSize} 条，共 {numbers.Count} 条");

            var more = page.GetByTestId("dispatch-more");
            await more.FocusAsync();
            await page.Keyboard.PressAsync("Enter");

            await Expect(rows).ToHaveCountAsync(numbers.Count);
            Assert.Equal(numbers, await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.number)"));
            await Expect(more).ToHaveCountAsync(0);
        });
    }

    /// <summary>Requests of 创普斯 after it lost its commissioner: routed to nobody, they wait for the supervisors.</summary>
    private static async Task<List<string>> UnroutedAsync(PortalFactory portal, int count)
    {
        var user = await portal.Services.UserAsync("enterprise@yqby.test");
        var land = await portal.Services.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());
        var numbers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            numbers.Add(await portal.Services.RequestsAsync(s => s.SubmitAsync(user, new SubmitRequestInput(
                user.EnterpriseId!.Value, land, Urgency.Normal, RequestChannel.Portal, "用地指标协调 " + i, "请协调建设用地指标。"))));
        }
        await portal.Services.QueryAsync(db => db.ServiceRequests.Where(r => numbers.Contains(r.Number))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.CommissionerUserId, (string?)null)));
        return numbers;
    }
}
