using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;
using Portal.Web.Features.Admin;

namespace Portal.Tests.Web;

/// <summary>The categories page clicked through with bUnit on a real database: refusals beside their fields, nothing typed lost.</summary>
public class CategoriesPageTests : ComponentTest
{
    private async Task<(SeededPortal Portal, IRenderedComponent<CategoriesPage> Page)> OpenAsync()
    {
        var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        Services.AddSingleton(portal.Services.GetRequiredService<CategoryAdministration>());
        SignInAs(await portal.UserAsync("admin@yqby.test"), "admin@yqby.test");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var page = Render<CategoriesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='category-row']")));
        return (portal, page);
    }

    private static string FieldText(IRenderedComponent<CategoriesPage> page, string selector) =>
        page.Find(selector).Closest(".mud-input-control")!.TextContent;

    [Fact]
    public async Task ChangePolicy_WithAZeroTarget_SaysSoBesideThatTarget_KeepsWhatWasTyped_AndSavesNothing()
    {
        var (portal, page) = await OpenAsync();
        await using var _ = portal;

        page.Find("[data-testid='category-row'][data-code='LAND'] [data-testid='policy-edit-Normal']").Click();
        page.Find("#policy-Dispatch-amount").Change("4");
        page.Find("#policy-EvaluationWindow-amount").Change("0");
        page.Find("[data-testid='policy-save']").Click();

        page.WaitForAssertion(() => Assert.Contains("回访评价时限应大于 0", FieldText(page, "#policy-EvaluationWindow-amount")));
        Assert.DoesNotContain("时限应大于", FieldText(page, "#policy-Dispatch-amount"));
        Assert.Equal("4", page.Find("#policy-Dispatch-amount").GetAttribute("value"));
        Assert.Equal("0", page.Find("#policy-EvaluationWindow-amount").GetAttribute("value"));
        var land = await portal.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());
        var stored = await portal.QueryAsync(db => db.TimeLimitPolicies.AsNoTracking().SingleAsync(p => p.CategoryId == land && p.Urgency == Urgency.Normal));
        Assert.Equal((TimeLimit.WorkingHours(2), TimeLimit.NaturalDays(7)), (stored.Dispatch, stored.EvaluationWindow));
    }

    [Fact]
    public async Task Create_AnActiveCategoryWithoutALeadDepartment_SaysSoBesideTheLeadDepartment_AndKeepsWhatWasTyped()
    {
        var (portal, page) = await OpenAsync();
        await using var _ = portal;

        page.Find("[data-testid='category-new']").Click();
        page.Find("#category-code").Change("HEAT");
        page.Find("#category-name").Change("供热");
        page.Find("#category-description").Change("集中供热接入");
        page.Find("[data-testid='category-save']").Click();

        page.WaitForAssertion(() => Assert.Contains("启用的诉求类别必须指定牵头部门",
            page.Find("[data-testid='category-lead']").Closest(".mud-input-control")!.TextContent));
        Assert.Equal("HEAT", page.Find("#category-code").GetAttribute("value"));
        Assert.Equal("供热", page.Find("#category-name").GetAttribute("value"));
        Assert.False(await portal.QueryAsync(db => db.RequestCategories.AnyAsync(c => c.Code == "HEAT")));
    }
}
