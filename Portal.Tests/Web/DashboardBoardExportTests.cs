using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using Portal.Domain.Metrics;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Data;
using Portal.Tests.Infrastructure.Dashboard;
using Portal.Tests.Support;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Dashboard.Tables;
using Portal.Web.Shared;
using static Portal.Tests.Domain.Requests.RequestBuilder;

namespace Portal.Tests.Web;

/// <summary>The overdue board downloaded as a workbook over HTTP is the table its panel shows.</summary>
public class DashboardBoardExportTests
{
    [Fact]
    public async Task TheOverdueWorkbook_ForASupervisor_HoldsTheTableThePanelShows()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var portal = new PortalFactory(database, services: s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(DistrictFiguresTests.Now)));
        portal.StartServer();
        // Dispatched on 2 March and never signed: overdue since 3 March 17:30.
        var request = Submitted(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)), number: "YQBY-20260302-9901").Dispatched().Request;
        await portal.Services.QueryAsync(db =>
        {
            db.ServiceRequests.Add(request);
            return db.SaveChangesAsync();
        });
        using var client = await FormLogin.SignedInClientAsync(portal, "supervisor@yqby.test");

        using var response = await client.GetAsync("/dashboard/export/overdue.xlsx?period=month&from=2026-03-01");
        response.EnsureSuccessStatusCode();
        await using var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var workbook = MiniExcel.Query(body, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(PortalCulture.Chinese);
        var choice = new DashboardChoice(ReportingPeriod.Containing(PeriodKind.Month, new DateOnly(2026, 3, 1)), FigureFilter.None);
        await using var scope = portal.Services.CreateAsyncScope();
        var shown = (await scope.ServiceProvider.GetRequiredService<OverdueTable>()
            .BoardAsync(await portal.Services.UserAsync("supervisor@yqby.test"), choice)).Table;

        Assert.Contains(shown.Rows, row => row[0].Text == "YQBY-20260302-9901");
        Assert.Equal(shown.Rows.Count, workbook.Count);
        Assert.Equal(shown.Headers, workbook[0].Keys);
        for (var i = 0; i < shown.Rows.Count; i++)
        {
            for (var column = 0; column < shown.Headers.Count; column++)
            {
                var (cell, written) = (shown.Rows[i][column], workbook[i][shown.Headers[column]]);
                if (cell.Number is { } number)
                {
                    Assert.Equal(number, Convert.ToDouble(written, CultureInfo.InvariantCulture));
                }
                else
                {
                    Assert.Equal(cell.Text, written?.ToString());
                }
            }
        }
    }
}
