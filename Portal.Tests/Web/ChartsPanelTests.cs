using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Metrics;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Dashboard;
using Portal.Tests.Support;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Dashboard.Tables;

namespace Portal.Tests.Web;

/// <summary>
/// The charts over the hand-built March set of <see cref="DistrictFiguresTests"/> (values as <see cref="DashboardSeriesTests"/>
/// works them out): each chart is drawn, and the table under it holds its data as text.
/// </summary>
public class ChartsPanelTests : ComponentTest
{
    private static readonly DashboardChoice March = new(ReportingPeriod.Containing(PeriodKind.Month, new DateOnly(2026, 3, 1)), FigureFilter.None);

    private async Task<(SeededPortal Portal, IRenderedComponent<ChartsPanel> Panel)> RenderAsync(string email)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(DatabaseProvider.Sqlite);
        Services.AddScoped(_ => portal.Services.CreateScope().ServiceProvider.GetRequiredService<DashboardSeries>());
        Services.AddScoped<IDashboardTableSource, PerDayTable>();
        Services.AddScoped<IDashboardTableSource, ResolutionTrendTable>();
        Services.AddScoped<IDashboardTableSource, ByCategoryTable>();
        Services.AddScoped<IDashboardTableSource, ByIndustryTable>();
        Services.AddScoped<IDashboardTableSource, SatisfactionTable>();
        var user = await portal.UserAsync(email);
        var panel = Render<ChartsPanel>(p => p.Add(c => c.User, user).Add(c => c.Choice, March));
        panel.WaitForAssertion(() => Assert.Equal(5, panel.FindAll("section[data-testid^='chart-']").Count));
        return (portal, panel);
    }

    private static List<string[]> Rows(IRenderedComponent<ChartsPanel> panel, string name) =>
        [.. panel.FindAll($"[data-testid='table-{name}'] [data-testid='table-row']").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray())];

    private static string Headers(IRenderedComponent<ChartsPanel> panel, string name) =>
        string.Join("|", panel.FindAll($"[data-testid='table-{name}'] th").Select(h => h.TextContent.Trim()));

    [Fact]
    public async Task ForTheSupervisor_EachChartIsDrawn_AndItsTableHoldsTheSameFiguresAsText()
    {
        var (portal, panel) = await RenderAsync("supervisor@yqby.test");
        await using var _ = portal;
        var category = await portal.QueryAsync(db => db.RequestCategories.Where(c => c.Id == 1).Select(c => c.Name).SingleAsync());

        foreach (var name in new[] { "per-day", "resolution-trend", "by-category", "by-industry", "satisfaction" })
        {
            var chart = panel.Find($"[data-testid='chart-{name}']");
            Assert.NotNull(chart.QuerySelector("[data-testid='chart-drawing'] svg"));
            Assert.Contains("数据见下表", chart.QuerySelector("[data-testid='chart-drawing']")!.GetAttribute("aria-label"));
        }
        Assert.Contains("每日受理与办结", panel.Find("[data-testid='table-per-day'] h2").TextContent);
        Assert.Equal("日期|受理|办结", Headers(panel, "per-day"));
        var days = Rows(panel, "per-day");
        Assert.Equal(31, days.Count);
        Assert.Equal(["2026年3月2日", "10", "10"], days[1]);
        Assert.Equal(["2026年3月25日", "1", "0"], days[24]);
        Assert.Equal(["2026年3月16日", "11", (17.5 / 11).ToString("0.0")], Rows(panel, "resolution-trend")[15]);
        Assert.Equal(["2026年3月19日", "1", "91.0"], Rows(panel, "resolution-trend")[18]);
        Assert.Equal(["2026年3月1日", "0", "—"], Rows(panel, "resolution-trend")[0]);
        Assert.Equal([[category, "11", "100.0%"]], Rows(panel, "by-category"));
        Assert.Equal("产业|受理|占比", Headers(panel, "by-industry"));
        Assert.Single(Rows(panel, "by-industry"));
        Assert.Equal(
            [["满意", "1", "11.1%"], ["基本满意", "1", "11.1%"], ["不满意", "7", "77.8%"], ["待甄别", "1", "—"], ["未评价", "1", "—"]],
            Rows(panel, "satisfaction"));
        Assert.Contains("按自然月汇总", panel.Find("[data-testid='table-per-day']").TextContent);
        Assert.Equal("/dashboard/export/by-category.xlsx?period=month&from=2026-03-01",
            panel.Find("[data-testid='export-by-category-xlsx']").GetAttribute("href"));
    }

    [Fact]
    public async Task AnotherChoice_ReloadsTheCharts_AndAYearIsCountedByMonth()
    {
        var (portal, panel) = await RenderAsync("supervisor@yqby.test");
        await using var _ = portal;

        panel.Render(p => p.Add(c => c.Choice, March with { Period = ReportingPeriod.Containing(PeriodKind.Year, new DateOnly(2026, 3, 1)) }));

        panel.WaitForAssertion(() => Assert.Contains("每月受理与办结", panel.Find("[data-testid='table-per-day'] h2").TextContent));
        Assert.Equal("月份|受理|办结", Headers(panel, "per-day"));
        var months = Rows(panel, "per-day");
        Assert.Equal(12, months.Count);
        Assert.Equal([["2026年1月", "0", "0"], ["2026年2月", "1", "1"], ["2026年3月", "11", "12"]], months.Take(3));
    }

    [Fact]
    public async Task ACadreOfOtherEnterprises_SeesEmptyTables_AndNoCharts()
    {
        var (portal, panel) = await RenderAsync("cadre2@yqby.test");
        await using var _ = portal;

        Assert.Empty(Rows(panel, "by-category"));
        Assert.NotEmpty(panel.FindAll("[data-testid='table-by-category'] [data-testid='table-empty']"));
        Assert.Null(panel.Find("[data-testid='chart-by-category']").QuerySelector("[data-testid='chart-drawing']"));
        Assert.All(Rows(panel, "per-day"), d => Assert.Equal(["0", "0"], d[1..]));
        Assert.Equal(["满意", "0", "—"], Rows(panel, "satisfaction")[0]);
    }
}
