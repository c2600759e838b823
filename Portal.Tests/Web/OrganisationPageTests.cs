using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;
using Portal.Web.Features.Admin;

namespace Portal.Tests.Web;

/// <summary>The organisation page clicked through with bUnit on a real database: refusals beside their fields, nothing typed lost.</summary>
public class OrganisationPageTests : ComponentTest
{
    private SeededPortal? _portal;

    private async Task<IRenderedComponent<OrganisationPage>> RenderAsync()
    {
        _portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        Services.AddSingleton(_portal.Services.GetRequiredService<OrganisationAdministration>());
        SignInAs(await _portal.UserAsync("admin@yqby.test"), "admin@yqby.test");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var page = Render<OrganisationPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='department-row']")));
        return page;
    }

    protected override async ValueTask DisposeTestResourcesAsync()
    {
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }
    }

    [Fact]
    public async Task Departments_ShowTheirHeadAndHandlers_WithALinkToTheUsers()
    {
        var page = await RenderAsync();

        var water = page.Find("[data-testid='department-row'][data-code='SWJ']");
        Assert.Equal("水务局负责人 (swj.head@yqby.test)", water.QuerySelector("[data-testid='department-head-name']")!.TextContent);
        Assert.Contains("水务局经办人", water.TextContent);
        Assert.Equal("/admin/users", page.Find("[data-testid='users-link']").GetAttribute("href"));
    }

    [Fact]
    public async Task CreateDepartment_WithACodeInUse_SaysSoBesideTheCodeAndKeepsWhatWasTyped()
    {
        var page = await RenderAsync();

        page.Find("[data-testid='department-new']").Click();
        page.Find("#department-code").Change("swj");
        page.Find("#department-name").Change("信访局");
        page.Find("[data-testid='department-save']").Click();

        page.WaitForAssertion(() => Assert.Contains("该编码已被其他部门使用。", page.Find("#department-code").Closest(".mud-input-control")!.TextContent));
        Assert.Equal("swj", page.Find("#department-code").GetAttribute("value"));
        Assert.Equal("信访局", page.Find("#department-name").GetAttribute("value"));
        Assert.False(await _portal!.QueryAsync(db => db.Departments.AnyAsync(d => d.Name == "信访局")));

        page.Find("#department-code").Change("XFJ");
        page.Find("[data-testid='department-save']").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid='department-row'][data-code='XFJ']")));
        Assert.Contains("已创建“信访局”", page.Find("[data-testid='organisation-result']").TextContent);
    }

    [Fact]
    public async Task RenamePark_ToAnotherParksName_SaysSoBesideTheNameAndKeepsTheDefaultCommissioner()
    {
        var page = await RenderAsync();

        page.Find("[data-testid='park-row'][data-name='临港工业园'] [data-testid='park-edit']").Click();
        page.Find("#routing-name").Change("经济开发区");
        page.Find("[data-testid='routing-save']").Click();

        page.WaitForAssertion(() => Assert.Contains("该名称已被使用。", page.Find("#routing-name").Closest(".mud-input-control")!.TextContent));
        Assert.Equal("经济开发区", page.Find("#routing-name").GetAttribute("value"));
        Assert.Equal(1, await _portal!.QueryAsync(db => db.Parks.CountAsync(p => p.Name == "临港工业园")));
    }
}
