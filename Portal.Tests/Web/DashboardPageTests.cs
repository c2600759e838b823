using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Dashboard;
using Portal.Tests.Support;
using Portal.Web.Features.Dashboard;

namespace Portal.Tests.Web;

/// <summary>
/// The battle map's figures, clicked through with bUnit over the hand-built set of <see cref="DistrictFiguresTests"/>
/// (March 2026): the cards say what the service computed, and a bad period or filter is said plainly with the last
/// figures and what the user chose kept.
/// </summary>
public class DashboardPageTests : ComponentTest
{
    private async Task<(SeededPortal Portal, IRenderedComponent<DashboardPage> Page)> RenderAsync(string email = "supervisor@yqby.test", string? address = null)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(DatabaseProvider.Sqlite);
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(DistrictFiguresTests.Now));
        Services.AddScoped(_ => portal.Services.CreateScope().ServiceProvider.GetRequiredService<DistrictFigures>());
        SignInAs(await portal.UserAsync(email), email);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        if (address is not null)
        {
            Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        }
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='figures']")));
        return (portal, page);
    }

    private static string Card(IRenderedComponent<DashboardPage> page, string key) =>
        page.Find($"[data-testid='figure-{key}']").TextContent;

    [Fact]
    public async Task TheSupervisor_SeesThisMonthsFigures_EachWithItsChangeAndWhatItIsMadeOf()
    {
        var (portal, page) = await RenderAsync();
        await using var _ = portal;

        Assert.Contains("2026年3月，与上期（2026年2月）比较", page.Find("[data-testid='figures-period']").TextContent);
        Assert.Contains("77.8%", Card(page, "SignedInTime"));
        Assert.Contains("较上期 +77.8 个百分点", Card(page, "SignedInTime"));
        Assert.Contains("按时签收 7 / 应签收 9，时限未到 1", Card(page, "SignedInTime"));
        Assert.Contains("80.0%", Card(page, "ResolvedInTime"));
        Assert.Contains("22.2%", Card(page, "Satisfied"));
        Assert.Contains("未评价 1，待甄别 1", Card(page, "Satisfied"));
        Assert.Contains("9.1%", Card(page, "Returned"));
        Assert.Contains("较上期 +10", Card(page, "Received"));
        Assert.Contains("1.1 工作小时", Card(page, "HoursToSign"));
        Assert.Contains("签收时限落在本期的派单", page.Find("[data-testid='figure-SignedInTime'] h2").GetAttribute("title"));
        Assert.Contains("在办 5", page.Find("[data-testid='now-open']").TextContent);
        Assert.Contains("严重超期 1", page.Find("[data-testid='now-severe']").TextContent);
        Assert.Contains("全区", page.Find("[data-testid='dashboard-scope']").TextContent);
    }

    [Fact]
    public async Task ARateWithNothingToCount_ShowsADash_NeverZeroOrAHundred()
    {
        var (portal, page) = await RenderAsync();
        await using var _ = portal;

        // The other department (4) leads K alone, which nobody has evaluated.
        page.Find("[data-testid='filter-department']").Change("4");

        page.WaitForAssertion(() => Assert.Contains("0.0%", Card(page, "ResolvedInTime")));
        Assert.StartsWith("解决率", Card(page, "Solved").Trim());
        Assert.Contains("—", page.Find("[data-testid='figure-Solved'] [data-testid='figure-value']").TextContent);
        Assert.DoesNotContain("%", page.Find("[data-testid='figure-Solved'] [data-testid='figure-value']").TextContent);
        Assert.Contains("较上期 —", Card(page, "Solved"));
    }

    [Fact]
    public async Task ACustomPeriodEndingBeforeItStarts_OrOverFiveYears_IsRefused_AndTheFiguresAndDatesStay()
    {
        var (portal, page) = await RenderAsync();
        await using var _ = portal;

        page.Find("[data-testid='period-Custom']").Click();
        await SetDatesAsync(page, new DateTime(2026, 3, 10), new DateTime(2026, 3, 1));
        page.Find("[data-testid='period-apply']").Click();

        page.WaitForAssertion(() => Assert.Contains("结束日期 2026年3月1日 早于开始日期 2026年3月10日", page.Find("[data-testid='dashboard-refused']").TextContent));
        Assert.Contains("77.8%", Card(page, "SignedInTime"));
        Assert.Contains("2026年3月，与上期", page.Find("[data-testid='figures-period']").TextContent);
        var pickers = page.FindComponents<MudDatePicker>();
        Assert.Equal([new DateTime(2026, 3, 10), new DateTime(2026, 3, 1)], pickers.Select(p => p.Instance.Date));

        await SetDatesAsync(page, new DateTime(2020, 1, 1), new DateTime(2026, 3, 1));
        page.Find("[data-testid='period-apply']").Click();
        page.WaitForAssertion(() => Assert.Contains("不能超过 5 年", page.Find("[data-testid='dashboard-refused']").TextContent));

        // A good one replaces the figures and clears the refusal: 2 to 6 March, against the five days before.
        await SetDatesAsync(page, new DateTime(2026, 3, 2), new DateTime(2026, 3, 6));
        page.Find("[data-testid='period-apply']").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='dashboard-refused']")));
        Assert.Contains("2026年3月2日 至 2026年3月6日", page.Find("[data-testid='figures-period']").TextContent);
        Assert.Contains("按时签收 7 / 应签收 9，时限未到 0", Card(page, "SignedInTime"));
    }

    [Fact]
    public async Task AnAddressNamingADepartmentThatDoesNotExist_IsRefused_AndTheDistrictsMonthShown()
    {
        var (portal, page) = await RenderAsync(address: "dashboard?department=999");
        await using var _ = portal;

        Assert.Contains("所选部门不存在", page.Find("[data-testid='dashboard-refused']").TextContent);
        Assert.Contains("77.8%", Card(page, "SignedInTime"));
        Assert.Equal("", page.Find("[data-testid='filter-department']").GetAttribute("value"));
    }

    [Fact]
    public async Task ACadre_SeesTheirEnterprisesFigures_Only()
    {
        var (portal, page) = await RenderAsync("cadre2@yqby.test");
        await using var _ = portal;

        Assert.Contains("您包保的企业", page.Find("[data-testid='dashboard-scope']").TextContent);
        Assert.Contains("—", page.Find("[data-testid='figure-SignedInTime'] [data-testid='figure-value']").TextContent);
        Assert.Equal("0", page.Find("[data-testid='figure-Received'] [data-testid='figure-value']").TextContent.Trim());
    }

    private static async Task SetDatesAsync(IRenderedComponent<DashboardPage> page, DateTime from, DateTime to)
    {
        var pickers = page.FindComponents<MudDatePicker>();
        await page.InvokeAsync(() => pickers[0].Instance.DateChanged.InvokeAsync(from));
        await page.InvokeAsync(() => pickers[1].Instance.DateChanged.InvokeAsync(to));
    }
}
