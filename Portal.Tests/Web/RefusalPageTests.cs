using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Projects;
using Portal.Tests.Support;
using Portal.Web.Features.Projects;
using Portal.Web.Shared;

namespace Portal.Tests.Web;

/// <summary>A refusal by the services reaches the user in their language, on a real page over a real database.</summary>
public class RefusalPageTests : ComponentTest
{
    private SeededPortal? _portal;

    protected override ValueTask DisposeTestResourcesAsync() => _portal?.DisposeAsync() ?? ValueTask.CompletedTask;

    [Theory]
    [InlineData(null, "只有本企业用户和企业的服务专员可以登记或修改项目")]
    [InlineData(PortalCulture.English, "Only the enterprise's users and its commissioner may record or change its projects")]
    public async Task NewProject_ForAnEnterpriseTheCommissionerNoLongerServes_IsRefusedInTheUsersLanguage(string? culture, string refusal)
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(DatabaseProvider.Sqlite);
        _portal = portal;
        if (culture is not null)
        {
            UseCulture(culture);
        }
        Services.AddScoped(_ => portal.Services.CreateScope().ServiceProvider.GetRequiredService<ProjectService>());
        Services.AddSingleton<TimeProvider>(time);
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        SignInAs(commissioner, "commissioner@yqby.test");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var projects = await portal.QueryAsync(db => db.Projects.CountAsync());
        var page = Render<NewProjectPage>();
        page.WaitForElement("[data-testid='project-form']");
        page.Find("#project-name").Change("创普斯三期项目");
        page.Find("#project-investment").Change("8000");
        page.Find("#project-stage-Signed").Change("2026-02-01");

        // Meanwhile a supervisor gives the commissioner's enterprises to another commissioner.
        var other = await portal.UserAsync("commissioner2@yqby.test");
        await portal.QueryAsync(async db =>
        {
            foreach (var enterprise in await db.Enterprises.Where(e => e.CommissionerUserId == commissioner.Id).ToListAsync())
            {
                enterprise.AssignCommissioner(other.Id);
            }
            return await db.SaveChangesAsync();
        });
        page.Find("[data-testid='project-form']").Submit();

        page.WaitForAssertion(() => Assert.Equal(refusal, page.Find("[data-testid='project-form-result']").TextContent.Trim()));
        Assert.Equal("创普斯三期项目", page.Find("#project-name").GetAttribute("value"));
        Assert.Equal(projects, await portal.QueryAsync(db => db.Projects.CountAsync()));
    }
}
