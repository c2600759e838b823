using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Portal.Domain.Identity;
using Portal.Domain.Metrics;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using Portal.Web.Features.Dashboard.Tables;
using Portal.Web.Shared;
using static Portal.Tests.Domain.Requests.RequestBuilder;

namespace Portal.Tests.Web;

/// <summary>A chart's table downloaded over HTTP, on the real portal, read back: what the panel shows.</summary>
public class ChartExportTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    [Fact]
    public async Task ByCategoryXlsx_ForASupervisor_HoldsTheTableThePanelShows_WithCountsAsNumbers()
    {
        // Three requests of category 1 and one of another, received in March 2026.
        var other = await host.Factory.Services.QueryAsync(async db =>
        {
            var category = await db.RequestCategories.Where(c => c.Id != 1).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var requests = Enumerable.Range(1, 4).Select(i => Submitted(MondayMorning.AddDays(i), number: $"YQBY-2026030{i + 2}-0001").Request).ToList();
            db.ServiceRequests.AddRange(requests);
            db.Entry(requests[3]).Property(r => r.CategoryId).CurrentValue = category;
            await db.SaveChangesAsync();
            return await db.RequestCategories.Where(c => c.Id == category).Select(c => c.Name).SingleAsync();
        });
        var first = await host.Factory.Services.QueryAsync(db => db.RequestCategories.Where(c => c.Id == 1).Select(c => c.Name).SingleAsync());
        using var client = await FormLogin.SignedInClientAsync(host.Factory, "supervisor@yqby.test");

        using var response = await client.GetAsync("/dashboard/export/by-category.xlsx?period=month&from=2026-03-01");
        var rows = MiniExcel.Query(await response.Content.ReadAsStreamAsync(), useHeaderRow: true)
            .Cast<IDictionary<string, object>>().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await ShownAsync(new DashboardChoice(ReportingPeriod.Containing(PeriodKind.Month, new DateOnly(2026, 3, 1)), FigureFilter.None));
        Assert.Equal(["诉求类别", "受理", "占比"], shown.Headers);
        Assert.Equal([[first, "3", "75.0%"], [other, "1", "25.0%"]], shown.Rows.Select(r => r.Select(c => c.Text)));
        Assert.Equal(shown.Headers, rows[0].Keys);
        Assert.Equal(
            shown.Rows.Select(r => r.Select(c => c.Number is { } number ? (object)number : c.Text)),
            rows.Select(r => r.Values.Select(v => v is double or int or long or decimal ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : v)));
    }

    /// <summary>The table the panel shows a supervisor, in Chinese.</summary>
    private async Task<DashboardTable> ShownAsync(DashboardChoice choice)
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(PortalCulture.Chinese);
        try
        {
            await using var scope = host.Factory.Services.CreateAsyncScope();
            var source = scope.ServiceProvider.GetServices<IDashboardTableSource>().Single(s => s.Name == "by-category");
            return await source.TableAsync(new PortalUser("supervisor", Roles.Supervisor), choice);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }
}
