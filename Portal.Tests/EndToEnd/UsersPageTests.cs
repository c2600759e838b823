using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

/// <summary>An admin creates a department handler in Chromium; the handler signs in, must change the password, and sees the department's queue.</summary>
public class UsersPageTests
{
    [Fact]
    public async Task AnAdminCreatesAHandler_WhoChangesTheTemporaryPassword_AndSeesTheDepartmentsQueue()
    {
        await using var portal = await PortalFactory.StartAsync(DatabaseProvider.Sqlite, kestrel: true);
        var number = await DispatchedToAsync(portal, "SWJ");

        await Chromium.RunAsync(nameof(AnAdminCreatesAHandler_WhoChangesTheTemporaryPassword_AndSeesTheDepartmentsQueue), async page =>
        {
            await BrowserLogin.SignInAsync(page, portal.ServerAddress, "admin@yqby.test");
            await page.GetByRole(AriaRole.Link, new() { Name = "用户管理" }).First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("用户管理");
            await BrowserLogin.InteractiveAsync(page);
            await page.GetByTestId("users-new").ClickAsync();
            await page.Locator("#user-email").FillAsync("swj.new@yqby.test");
            await page.Locator("#user-name").FillAsync("孙七");
            await page.Locator("#user-mobile").FillAsync("13812345678");
            await page.GetByTestId("user-department").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "水务局" }).ClickAsync();
            await page.Locator("#user-password").FillAsync("Tez#Temp-2026");
            await page.GetByTestId("user-save").ClickAsync();
            await Expect(page.GetByTestId("users-result")).ToContainTextAsync("已创建账号 swj.new@yqby.test。");

            await page.Context.ClearCookiesAsync();
            await page.GotoAsync(new Uri(portal.ServerAddress, "/Account/Login").ToString());
            await page.Locator("[name='Input.Email']").FillAsync("swj.new@yqby.test");
            await page.Locator("[name='Input.Password']").FillAsync("Tez#Temp-2026");
            await page.Locator("form[action] button[type='submit']").First.ClickAsync();
            await Expect(page.GetByTestId("must-change-password")).ToBeVisibleAsync();
            await page.GotoAsync(new Uri(portal.ServerAddress, "/workspace").ToString());
            await Expect(page.GetByTestId("must-change-password")).ToBeVisibleAsync();
            await page.GetByLabel("当前密码").FillAsync("Tez#Temp-2026");
            await page.GetByLabel("新密码", new() { Exact = true }).FillAsync("Swj#Mine-2026");
            await page.GetByLabel("确认新密码").FillAsync("Swj#Mine-2026");
            await page.GetByRole(AriaRole.Button, new() { Name = "修改密码" }).ClickAsync();
            await Expect(page.GetByText("密码已修改。")).ToBeVisibleAsync();

            await page.GotoAsync(new Uri(portal.ServerAddress, "/workspace").ToString());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator($"[data-testid='queue-row'][data-number='{number}']")).ToBeVisibleAsync();
        });
    }

    /// <summary>创普斯's request, dispatched by 李明 to the department with this code, through the services.</summary>
    private static async Task<string> DispatchedToAsync(PortalFactory portal, string code)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<RequestService>();
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        async Task<PortalUser> UserAsync(string email)
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var role = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).SingleAsync();
            return new PortalUser(user.Id, role, user.DepartmentId, user.EnterpriseId);
        }
        var enterprise = await UserAsync("enterprise@yqby.test");
        var commissioner = await UserAsync("commissioner@yqby.test");
        var category = await db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync();
        var department = await db.Departments.Where(d => d.Code == code).Select(d => d.Id).SingleAsync();
        var number = await requests.SubmitAsync(enterprise, new SubmitRequestInput(
            enterprise.EnterpriseId!.Value, category, Urgency.Normal, RequestChannel.Portal, "厂区供水管网改造", "请协调供水管网接入。"));
        var version = (await requests.GetAsync(commissioner, number))!.Version;
        await requests.DispatchAsync(commissioner, number, version, department);
        return number;
    }
}
