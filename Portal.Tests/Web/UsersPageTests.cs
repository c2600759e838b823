using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;
using Portal.Web.Features.Admin;

namespace Portal.Tests.Web;

/// <summary>The users page clicked through with bUnit on a real database: refusals beside their fields, nothing typed lost.</summary>
public class UsersPageTests : ComponentTest
{
    [Fact]
    public async Task Create_AHandlerWithoutADepartment_SaysSoBesideTheDepartmentAndKeepsWhatWasTyped()
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        Services.AddSingleton(portal.Services.GetRequiredService<UserAdministration>());
        SignInAs(await portal.UserAsync("admin@yqby.test"), "admin@yqby.test");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='user-row']")));

        page.Find("[data-testid='users-new']").Click();
        page.Find("#user-email").Change("commissioner@yqby.test");
        page.Find("#user-name").Change("新人");
        page.Find("#user-password").Change("Tez#Portal-2026");
        page.Find("[data-testid='user-save']").Click();

        page.WaitForAssertion(() => Assert.Contains("部门经办人必须选择所属部门。", page.Find("[data-testid='user-department']").Closest(".mud-input-control")!.TextContent));
        Assert.Equal("新人", page.Find("#user-name").GetAttribute("value"));
        Assert.Equal("commissioner@yqby.test", page.Find("#user-email").GetAttribute("value"));
        Assert.False(await portal.QueryAsync(db => db.Users.AnyAsync(u => u.DisplayName == "新人")));
    }
}
