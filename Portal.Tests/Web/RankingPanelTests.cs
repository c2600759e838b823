using System.Globalization;
using System.Net;
using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Portal.Domain.Identity;
using Portal.Domain.Metrics;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Dashboard;
using Portal.Tests.Support;
using Portal.Web.Features.Admin;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Dashboard.Tables;
using Portal.Web.Resources;

namespace Portal.Tests.Web;

/// <summary>
/// 红黑榜 as a supervisor sees it, over the hand-built set of <see cref="DepartmentRankingTests"/> (March 2026): the panel's
/// rows and their marking, and the downloads, which must hold what the panel shows.
/// </summary>
public class RankingPanelTests : ComponentTest
{
    private static readonly PortalUser Supervisor = new("supervisor", Roles.Supervisor);

    private static DashboardChoice Choice(PeriodKind kind, DateOnly day) => new(ReportingPeriod.Containing(kind, day), FigureFilter.None);

    private IRenderedComponent<RankingPanel> RenderPanel(IServiceProvider portal, PortalUser user, DashboardChoice choice)
    {
        Services.AddScoped(sp => new RankingTable(
            portal.CreateScope().ServiceProvider.GetRequiredService<DepartmentRanking>(), sp.GetRequiredService<IStringLocalizer<DashboardResource>>()));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var panel = Render<RankingPanel>(p => p.Add(x => x.User, user).Add(x => x.Choice, choice));
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid='table-ranking']")));
        return panel;
    }

    private static List<string[]> Rows(IRenderedComponent<RankingPanel> panel) =>
        [.. panel.FindAll("[data-testid='table-row']").Select(r => r.QuerySelectorAll("[data-testid='table-cell']").Select(c => c.TextContent).ToArray())];

    [Fact]
    public async Task ThePanel_RanksTheMonthOfThePeriodsFirstDay_MarkingTheFirstThreeRedAndTheLastThreeBlack()
    {
        await using var portal = await DepartmentRankingTests.BuiltAsync(DatabaseProvider.Sqlite);
        var names = await portal.QueryAsync(db => db.Departments.ToDictionaryAsync(d => d.Id, d => d.Name));

        // The week of Monday 30 March to Sunday 5 April starts in March: March is ranked.
        var panel = RenderPanel(portal.Services, Supervisor, Choice(PeriodKind.Week, new DateOnly(2026, 3, 30)));

        Assert.Equal(
            ["名次", "部门", "应办结件数", "及时签收率", "按时办结率", "满意率", "综合得分", "榜单"],
            panel.FindAll("th").Select(h => h.TextContent));
        Assert.Equal(
            [
                ["1", names[1], "10", "100.0%", "100.0%", "100.0%", "100.00", "红榜"],
                ["2", names[3], "12", "100.0%", "75.0%", "100.0%", "90.00", "红榜"],
                ["3", names[4], "10", "100.0%", "100.0%", "50.0%", "85.00", "红榜"],
                ["4", names[5], "10", "90.0%", "80.0%", "—", "84.29", ""],
                ["5", names[2], "10", "80.0%", "90.0%", "60.0%", "78.00", "黑榜"],
                ["6", names[8], "10", "100.0%", "60.0%", "80.0%", "78.00", "黑榜"],
                ["7", names[7], "10", "50.0%", "50.0%", "50.0%", "50.00", "黑榜"],
                ["—", names[6], "9", "100.0%", "100.0%", "100.0%", "—", "不排名：办结时限不足 10 件"],
            ],
            Rows(panel));
        Assert.Equal(
            ["ranking-red", "ranking-red", "ranking-red", "", "ranking-black", "ranking-black", "ranking-black", ""],
            panel.FindAll("[data-testid='table-row']").Select(r => r.GetAttribute("class") ?? ""));
        Assert.Contains("红黑榜（2026年3月）", panel.Find("h2").TextContent);
        var caption = panel.Find("[data-testid='table-ranking'] .mud-typography-caption").TextContent;
        Assert.Contains("统计 2026年3月", caption);
        Assert.Contains("0.3 × 及时签收率 + 0.4 × 按时办结率 + 0.3 × 满意率", caption);
        Assert.Contains("不少于 10 件", caption);
        Assert.Contains("红榜：前 3 名", panel.Find("[data-testid='ranking-legend']").TextContent);
    }

    [Fact]
    public async Task AnotherChoice_ReloadsThePanel()
    {
        await using var portal = await DepartmentRankingTests.BuiltAsync(DatabaseProvider.Sqlite);
        var panel = RenderPanel(portal.Services, Supervisor, Choice(PeriodKind.Month, new DateOnly(2026, 3, 1)));
        Assert.Equal(8, Rows(panel).Count);

        panel.Render(p => p.Add(x => x.Choice, Choice(PeriodKind.Month, new DateOnly(2026, 2, 1))));

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid='table-empty']")));
        Assert.Contains("2026年2月", panel.Find("h2").TextContent);
    }

    [Fact]
    public async Task TheDownloads_HoldWhatThePanelShows_TheWorkbookItsNumbersAndTheCsvItsText()
    {
        await using var factory = new PortalFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite));
        factory.StartServer();
        await factory.Services.QueryAsync(async db =>
        {
            db.ServiceRequests.AddRange(DepartmentRankingTests.Requests());
            return await db.SaveChangesAsync();
        });
        var supervisor = await factory.Services.UserAsync("supervisor@yqby.test");
        var choice = Choice(PeriodKind.Month, new DateOnly(2026, 3, 1));
        var panel = RenderPanel(factory.Services, supervisor, choice);
        var headers = panel.FindAll("th").Select(h => h.TextContent).ToList();
        var rows = Rows(panel);
        using var client = await FormLogin.SignedInClientAsync(factory, "supervisor@yqby.test");

        Assert.Equal("/dashboard/export/ranking.xlsx?period=month&from=2026-03-01",
            panel.Find("[data-testid='export-ranking-xlsx']").GetAttribute("href"));
        using var xlsx = await client.GetAsync("/dashboard/export/ranking.xlsx?period=month&from=2026-03-01");
        using var csv = await client.GetAsync("/dashboard/export/ranking.csv?period=month&from=2026-03-01");

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        await using var workbook = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var sheet = MiniExcel.Query(workbook, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(headers, sheet[0].Keys);
        Assert.Equal(rows.Count, sheet.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = sheet[i].Values.ToList();
            for (var j = 0; j < headers.Count; j++)
            {
                // A number where the screen shows one (a rank, a count, a percentage, a score), else the screen's text.
                if (cells[j] is double number)
                {
                    Assert.Equal(double.Parse(rows[i][j].TrimEnd('%'), CultureInfo.InvariantCulture), number);
                }
                else
                {
                    Assert.Equal(rows[i][j], cells[j] as string ?? "");
                }
            }
        }
        Assert.IsType<double>(sheet[0].Values.ElementAt(3));

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([AuditExport.Line([.. headers]), .. rows.Select(r => AuditExport.Line(r))], lines);
    }
}
