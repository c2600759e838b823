using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using Portal.Web.Features.Requests;

namespace Portal.Tests.Web;

/// <summary>
/// 代为登记: a commissioner logging a request received by phone, on a visit or from the 12345 hotline picks one of
/// their own enterprises and the channel; nobody else's enterprise is offered.
/// </summary>
public class LogOnBehalfPageTests : ComponentTest
{
    private FilingPortal? _filing;

    protected override ValueTask DisposeTestResourcesAsync() => _filing?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<IRenderedComponent<IComponent>> OpenAsAsync(string email)
    {
        _filing = await FilingPortal.CreateAsync(DatabaseProvider.Sqlite);
        await AddFilingPageServicesAsync(_filing, email);
        var page = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<NewRequestPage>(1);
            builder.CloseComponent();
        });
        page.WaitForElement("[data-testid='new-request-form']");
        return page;
    }

    /// <summary>Opens a picker and reads what it offers.</summary>
    private static List<string> Offered(IRenderedComponent<IComponent> page, string testId)
    {
        page.Find($"[data-testid='{testId}']").Closest(".mud-select")!.MouseDown();
        return page.WaitForElements(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()).ToList();
    }

    [Fact]
    public async Task ACommissioner_PicksOneOfTheirOwnEnterprises_AndTheChannel()
    {
        var page = await OpenAsAsync("commissioner@yqby.test");

        var enterprises = Offered(page, "enterprise");
        Assert.Equal(
            ["枣庄创普斯新能源科技有限公司", "丰元汇能新能源材料有限公司", "启力元新能源科技有限公司", "运河纺织有限公司", "兰祺新材料科技有限公司"],
            enterprises);
        Assert.DoesNotContain("山东盛威新材料有限公司", page.Markup);
        page.Find("[data-testid='enterprise']").Closest(".mud-select")!.MouseDown();

        Assert.Equal(["电话", "走访", "12345 热线", "政企会客厅"], Offered(page, "channel"));
    }

    [Fact]
    public async Task AnEnterpriseUser_ChoosesNeitherEnterpriseNorChannel()
    {
        var page = await OpenAsAsync("enterprise@yqby.test");

        Assert.Empty(page.FindAll("[data-testid='enterprise']"));
        Assert.Empty(page.FindAll("[data-testid='channel']"));
    }

    [Fact]
    public async Task AnEnterpriseNoLongerTheirs_IsSaidBesideThePicker_AndWhatWasTypedIsKept()
    {
        var page = await OpenAsAsync("commissioner@yqby.test");
        Offered(page, "enterprise");
        page.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == "枣庄创普斯新能源科技有限公司").Click();
        Offered(page, "channel");
        page.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == "走访").Click();
        var land = await _filing!.Portal.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());
        page.Find($"[data-category='{land}'] input[type='radio']").Click();
        page.Find("#request-title").Input("走访了解：用地报批");
        page.Find("#request-description").Input("走访时企业反映二期用地报批进展缓慢。");
        // Meanwhile the enterprise is given to another commissioner.
        var other = await _filing.UserAsync("commissioner2@yqby.test");
        await _filing.Portal.QueryAsync(db => db.Enterprises.Where(e => e.Name == "枣庄创普斯新能源科技有限公司")
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.CommissionerUserId, other.Id)));

        page.Find("form[data-testid='new-request-form']").Submit();

        page.WaitForAssertion(() => Assert.Contains("该企业不存在或已不在您的服务范围内", page.Find("[data-testid='enterprise']").Closest(".mud-input-control")!.TextContent));
        Assert.Equal("走访了解：用地报批", page.Find("#request-title").GetAttribute("value"));
        Assert.Empty(page.FindAll("[data-testid='receipt']"));
        Assert.Equal(0, await _filing.Portal.QueryAsync(db => db.ServiceRequests.CountAsync()));
    }
}
