using Microsoft.Playwright;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Data.Seeding;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

/// <summary>The admin's work calendar, clicked through in Chromium as an admin would.</summary>
public class CalendarPageTests
{
    [Fact]
    public async Task CalendarPage_ShowsTheYearChangesADayAndImportsAFileAllOrNothing()
    {
        await using var portal = await PortalFactory.StartAsync(DatabaseProvider.Sqlite, kestrel: true);

        await Chromium.RunAsync(nameof(CalendarPage_ShowsTheYearChangesADayAndImportsAFileAllOrNothing), async page =>
        {
            await SignInAsAdminAsync(page, portal);
            await page.GotoAsync(new Uri(portal.ServerAddress, "/admin/calendar?year=2026").ToString());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("工作日历");
            await Expect(page.GetByTestId("calendar-summary")).ToContainTextAsync("放假 33 天，调休上班 6 天");
            await Expect(page.GetByTestId("calendar-summary")).ToContainTextAsync("国办发明电〔2025〕7号");
            await Expect(page.Locator("table.cal-month")).ToHaveCountAsync(12);

            // A day off and a make-up working day: each with its colour class and its text marker, and named for a screen reader.
            var nationalDay = Day(page, "2026-10-01");
            await Expect(nationalDay).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cal-off"));
            await Expect(nationalDay).ToContainTextAsync("休");
            await Expect(nationalDay).ToHaveAttributeAsync("aria-label", "2026年10月1日 星期四，放假（国庆节）");
            var makeUpSaturday = Day(page, "2026-02-14");
            await Expect(makeUpSaturday).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cal-work"));
            await Expect(makeUpSaturday).ToContainTextAsync("班");

            // Make Monday 2 March a day off, then see it marked. (Days are buttons, enabled once the page is interactive.)
            await Expect(Day(page, "2026-03-02")).ToBeEnabledAsync();
            await Day(page, "2026-03-02").ClickAsync();
            var edit = page.GetByTestId("calendar-edit");
            await Expect(edit).ToContainTextAsync("目前：工作日");
            await edit.GetByText("放假", new() { Exact = true }).ClickAsync();
            await page.Locator("#calendar-day-name").FillAsync("停电检修");
            await page.GetByTestId("calendar-save").ClickAsync();
            await Expect(page.GetByTestId("calendar-result")).ToContainTextAsync("已保存：2026年3月2日 星期一 现为放假（停电检修）");
            await Expect(Day(page, "2026-03-02")).ToContainTextAsync("休");
            await Expect(page.GetByTestId("calendar-summary")).ToContainTextAsync("放假 34 天");

            // A file with a bad line is refused whole, line by line.
            await page.Locator("#calendar-import").SetInputFilesAsync(new FilePayload
            {
                Name = "2027.csv",
                MimeType = "text/csv",
                Buffer = System.Text.Encoding.UTF8.GetBytes("date,kind,name\n2027-01-01,off,元旦\n2027-03-03,work,\n2027-01-01,off,元旦\n"),
            });
            var result = page.GetByTestId("calendar-result");
            await Expect(result).ToContainTextAsync("“2027.csv”未导入，任何条目都没有改变");
            await Expect(result.Locator("li")).ToHaveTextAsync(
            [
                "第 3 行：2027-03-03（星期三）不是周末，调休上班日应为周六或周日",
                "第 4 行：2027-01-01 已在第 2 行出现",
            ]);

            // A good file is taken whole, and the page moves to its year.
            await page.Locator("#calendar-import").SetInputFilesAsync(new FilePayload
            {
                Name = "2027.json",
                MimeType = "application/json",
                Buffer = System.Text.Encoding.UTF8.GetBytes("""{ "year": 2027, "notice": "测试通知", "offDays": [{ "date": "2027-01-01", "name": "元旦" }], "workDays": ["2027-02-20"] }"""),
            });
            await Expect(page.GetByTestId("calendar-result")).ToContainTextAsync("已导入 2027 年：放假 1 天，调休上班 1 天");
            await Expect(page.GetByTestId("calendar-year")).ToHaveTextAsync("2027");
            await Expect(Day(page, "2027-02-20")).ToContainTextAsync("班");
            await Expect(page.GetByTestId("calendar-summary")).ToContainTextAsync("测试通知");
        });
    }

    [Fact]
    public async Task CalendarPage_ForAYearWithoutEntries_SaysSoAndTheWarningLinksToIt()
    {
        await using var portal = await PortalFactory.StartAsync(DatabaseProvider.Sqlite, kestrel: true);

        await Chromium.RunAsync(nameof(CalendarPage_ForAYearWithoutEntries_SaysSoAndTheWarningLinksToIt), async page =>
        {
            await SignInAsAdminAsync(page, portal);
            await page.GotoAsync(new Uri(portal.ServerAddress, "/admin/calendar?year=2030").ToString());

            await Expect(page.GetByTestId("calendar-year")).ToHaveTextAsync("2030");
            await Expect(Day(page, "2030-01-05")).ToBeEnabledAsync();
            await Expect(page.GetByText("2030 年尚无条目")).ToBeVisibleAsync();
            await Expect(page.Locator("button.cal-off, button.cal-work")).ToHaveCountAsync(0);
            await Expect(Day(page, "2030-01-05")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cal-weekend"));
        });
    }

    private static ILocator Day(IPage page, string date) => page.Locator($"button[data-date='{date}']");

    private static async Task SignInAsAdminAsync(IPage page, PortalFactory portal)
    {
        await page.GotoAsync(new Uri(portal.ServerAddress, "/Account/Login").ToString());
        await page.Locator("[name='Input.Email']").FillAsync("admin@yqby.test");
        await page.Locator("[name='Input.Password']").FillAsync(DemoData.Password);
        await page.Locator("form[action] button[type='submit']").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("您好");
    }
}
