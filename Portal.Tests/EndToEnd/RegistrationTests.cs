using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Infrastructure.Registration;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

public partial class RegistrationTests
{
    [Fact]
    public async Task ANewUserOfADemoEnterprise_Registers_IsApprovedByItsCommissioner_AndIsHeldNoMore()
    {
        const string email = "zhao.liu@example.cn";
        const string password = "Canal#Boat-88";
        await using var portal = await PortalFactory.StartAsync(DatabaseProvider.Sqlite, runJobServer: true, kestrel: true);

        await Chromium.RunAsync(nameof(ANewUserOfADemoEnterprise_Registers_IsApprovedByItsCommissioner_AndIsHeldNoMore), async page =>
        {
            await page.GotoAsync(new Uri(portal.ServerAddress, "/Account/Login").ToString());
            await page.GetByRole(AriaRole.Link, new() { Name = "企业用户注册" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("企业用户注册");
            await page.GetByLabel("企业名称").FillAsync("枣庄创普斯新能源科技有限公司");
            await page.GetByLabel("统一社会信用代码").FillAsync("91370405MA3C8K2L61");
            await page.GetByLabel("姓名").FillAsync("赵六");
            await page.GetByLabel("手机号码").FillAsync("13905321234");
            await page.GetByLabel("邮箱").FillAsync(email);
            await page.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
            await page.GetByLabel("确认密码").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "注册" }).ClickAsync();

            await Expect(page.Locator(".validation-message").First).ToHaveTextAsync("统一社会信用代码校验位不正确，请核对后重新输入");
            await Expect(page.GetByLabel("姓名")).ToHaveValueAsync("赵六");
            await Expect(page.GetByLabel("邮箱")).ToHaveValueAsync(email);
            await page.GetByLabel("统一社会信用代码").FillAsync("91370405MA3C8K2L60");
            await page.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
            await page.GetByLabel("确认密码").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "注册" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("请确认邮箱");

            var confirmation = await Mailbox.WaitForAsync(portal.PickupDirectory, m => m.To.Mailboxes.Single().Address == email);
            await page.GotoAsync(ConfirmationLink().Match(confirmation.TextBody ?? "").Value);
            await Expect(page.GetByText("感谢您确认邮箱")).ToBeVisibleAsync();

            await SignInAsync(page, portal, email, password);
            await Expect(page.GetByTestId("registration-standing")).ToHaveAttributeAsync("data-status", "pending");
            await Expect(page.GetByTestId("registration-standing")).ToContainTextAsync("等待该企业的服务专员审核");
            await page.GotoAsync(new Uri(portal.ServerAddress, "/requests/new").ToString());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("无权访问");

            await page.Context.ClearCookiesAsync();
            await BrowserLogin.SignInAsync(page, portal.ServerAddress, "commissioner@yqby.test");
            await Expect(page.Locator("[data-role-home]")).ToContainTextAsync("注册审核");
            await page.Locator("[data-role-home] a[href$='approvals']").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("注册审核");
            await BrowserLogin.InteractiveAsync(page);
            var registration = page.GetByTestId("registration").Filter(new() { HasText = "赵六" });
            await Expect(registration).ToContainTextAsync("91370405MA3C8K2L60");
            await registration.GetByTestId("approve").ClickAsync();
            await Expect(page.GetByTestId("approvals-result")).ToContainTextAsync("已通过 赵六");
            await Expect(page.GetByTestId("registration").Filter(new() { HasText = "赵六" })).ToHaveCountAsync(0);

            var outcome = await Mailbox.WaitForAsync(portal.PickupDirectory, m => m.To.Mailboxes.Single().Address == email && (m.Subject ?? "").Contains("已审核通过"));
            Assert.Contains("枣庄创普斯新能源科技有限公司", outcome.TextBody);

            await page.Context.ClearCookiesAsync();
            await BrowserLogin.SignInAsync(page, portal.ServerAddress, email, password);
            await page.GotoAsync(new Uri(portal.ServerAddress, "/requests/new").ToString());
            await Expect(page.Locator("main")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("无权访问");
            await Expect(page.GetByTestId("registration-standing")).ToHaveCountAsync(0);
            await Expect(page).ToHaveURLAsync(new Uri(portal.ServerAddress, "/requests/new").ToString());
        });
    }

    [Fact]
    public async Task ASupervisor_OnANarrowScreen_ApprovesANewEnterpriseOnlyOnceItsParkAndIndustryAreChosen()
    {
        await using var portal = await PortalFactory.StartAsync(DatabaseProvider.Sqlite, kestrel: true);
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var registered = await scope.ServiceProvider.GetRequiredService<Registrar>().RegisterAsync(
                new RegistrationInput("钱七", "13705321111", "qian.qi@example.cn", "Canal#Boat-88", "台儿庄运河新材料有限公司", "91370405000000019E"));
            Assert.True(registered.Succeeded);
        }

        await Chromium.RunAsync(nameof(ASupervisor_OnANarrowScreen_ApprovesANewEnterpriseOnlyOnceItsParkAndIndustryAreChosen), async page =>
        {
            await page.SetViewportSizeAsync(375, 740);
            await page.GotoAsync(new Uri(portal.ServerAddress, "/Account/Register").ToString());
            Assert.True(await OverflowAsync(page) <= 0, "the register page is wider than a 375px screen");

            await BrowserLogin.SignInAsync(page, portal.ServerAddress, "supervisor@yqby.test");
            await page.GotoAsync(new Uri(portal.ServerAddress, "/approvals").ToString());
            await BrowserLogin.InteractiveAsync(page);
            var registration = page.GetByTestId("registration").Filter(new() { HasText = "钱七" });
            await Expect(registration).ToContainTextAsync("新企业，尚未登记");
            Assert.True(await OverflowAsync(page) <= 0, "the approvals page is wider than a 375px screen");

            await registration.GetByTestId("refuse").ClickAsync();
            await Expect(registration).ToContainTextAsync("退回时请说明理由");
            await registration.GetByTestId("approve").ClickAsync();
            await Expect(registration).ToContainTextAsync("请选择所属园区");
            await Expect(registration).ToContainTextAsync("请选择所属行业");

            await registration.GetByTestId("park").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "临港工业园" }).ClickAsync();
            await registration.GetByTestId("industry").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "新材料" }).ClickAsync();
            await registration.GetByTestId("approve").ClickAsync();

            await Expect(page.GetByTestId("approvals-result")).ToContainTextAsync("已通过 钱七（台儿庄运河新材料有限公司）");
            await Expect(page.GetByTestId("registration").Filter(new() { HasText = "钱七" })).ToHaveCountAsync(0);
        });

        var contexts = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var enterprise = await db.Enterprises.SingleAsync(e => e.Name == "台儿庄运河新材料有限公司");
        Assert.Equal("临港工业园", await db.Parks.Where(p => p.Id == enterprise.ParkId).Select(p => p.Name).SingleAsync());
        Assert.Equal("新材料", await db.Industries.Where(i => i.Id == enterprise.IndustryId).Select(i => i.Name).SingleAsync());
    }

    private static Task<int> OverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");

    /// <summary>Signs in as someone who holds no role yet: their home is where their registration stands.</summary>
    private static async Task SignInAsync(IPage page, PortalFactory portal, string email, string password)
    {
        await page.GotoAsync(new Uri(portal.ServerAddress, "/Account/Login").ToString());
        await page.Locator("[name='Input.Email']").FillAsync(email);
        await page.Locator("[name='Input.Password']").FillAsync(password);
        await page.Locator("form[action] button[type='submit']").First.ClickAsync();
        await Expect(page.GetByTestId("registration-standing")).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"http\S*/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmationLink();
}
