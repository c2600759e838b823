using Microsoft.Playwright;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

public class ShellTests(BrowserPortalHost host) : IClassFixture<BrowserPortalHost>
{
    public static TheoryData<string, string, string[]> RoleHomes => new()
    {
        { "enterprise@yqby.test", "企业用户", ["首页", "提交诉求", "我的诉求", "项目", "政策库", "账号设置"] },
        { "commissioner@yqby.test", "经济发展服务专员", ["首页", "提交诉求", "诉求", "项目", "工作台", "注册审核", "企业", "挂图作战", "政策库", "账号设置"] },
        { "zrzy.handler@yqby.test", "部门经办人", ["首页", "诉求", "工作台", "政策库", "账号设置"] },
        { "cadre@yqby.test", "包保县级干部", ["首页", "诉求", "企业", "挂图作战", "每日简报", "政策库", "账号设置"] },
        { "supervisor@yqby.test", "营商环境督查", ["首页", "诉求", "工作台", "注册审核", "企业", "挂图作战", "每日简报", "政策库", "账号设置"] },
        {
            "admin@yqby.test", "系统管理员",
            ["首页", "诉求", "企业", "挂图作战", "政策库", "用户管理", "组织机构", "类别与时限", "工作日历", "督办设置", "问题处理", "邮件发送", "审计日志", "后台任务", "账号设置"]
        },
    };

    [Theory]
    [MemberData(nameof(RoleHomes))]
    public async Task SignIn_AsEachRole_ShowsThatRolesHomeAndNavigationInChinese(string email, string roleTitle, string[] navigation)
    {
        await Chromium.RunAsync($"RoleHome-{email}", async page =>
        {
            await BrowserLogin.SignInAsync(page, host.Factory.ServerAddress, email);

            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
            await Expect(page.GetByTestId("home-role-title")).ToHaveTextAsync(roleTitle);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("您好");
            var links = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link);
            await Expect(links).ToHaveTextAsync(navigation);
        });
    }

    [Fact]
    public async Task LanguageSwitch_ToEnglish_TurnsThePageEnglishAndIsRemembered()
    {
        await Chromium.RunAsync(nameof(LanguageSwitch_ToEnglish_TurnsThePageEnglishAndIsRemembered), async page =>
        {
            await BrowserLogin.SignInAsync(page, host.Factory.ServerAddress, "supervisor@yqby.test");

            await page.GetByRole(AriaRole.Button, new() { Name = "语言 / Language" }).ClickAsync();
            await page.GetByText("English", new() { Exact = true }).ClickAsync();

            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome, 赵敏");
            await Expect(page.GetByTestId("home-role-title")).ToHaveTextAsync("Business-environment supervisor");
            await page.GotoAsync(new Uri(host.Factory.ServerAddress, "/dashboard").ToString());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Battle map");
            await BrowserLogin.InteractiveAsync(page);

            await page.GetByRole(AriaRole.Button, new() { Name = "Language / 语言" }).ClickAsync();
            await page.GetByText("简体中文", new() { Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("挂图作战");
        });
    }

    [Fact]
    public async Task APageOutsideTheRole_ShowsAccessDeniedInChinese()
    {
        await Chromium.RunAsync(nameof(APageOutsideTheRole_ShowsAccessDeniedInChinese), async page =>
        {
            await BrowserLogin.SignInAsync(page, host.Factory.ServerAddress, "enterprise2@yqby.test");

            await page.GotoAsync(new Uri(host.Factory.ServerAddress, "/admin/users").ToString());

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("无权访问");
        });
    }

    [Fact]
    public async Task NarrowScreen_375PixelsWide_FitsWithoutSidewaysScrolling()
    {
        await Chromium.RunAsync(nameof(NarrowScreen_375PixelsWide_FitsWithoutSidewaysScrolling), async page =>
        {
            await page.SetViewportSizeAsync(375, 740);
            await BrowserLogin.SignInAsync(page, host.Factory.ServerAddress, "commissioner2@yqby.test");

            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"the home page is {overflow}px wider than a 375px screen");
            await page.GetByRole(AriaRole.Button, new() { Name = "打开或收起导航菜单" }).ClickAsync();
            var workspace = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "工作台" });
            await Expect(workspace).ToBeVisibleAsync();
            await Expect(page.Locator(".mud-drawer")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));

            // Choosing a link closes the drawer that covers the page, and the link then marks the page it leads to.
            await workspace.ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/workspace$"));
            await Expect(page.Locator(".mud-drawer")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
            await Expect(workspace).ToHaveAttributeAsync("aria-current", "page");
        });
    }

    [Fact]
    public async Task Keyboard_AloneSignsInAndFollowsTheNavigation()
    {
        await Chromium.RunAsync(nameof(Keyboard_AloneSignsInAndFollowsTheNavigation), async page =>
        {
            await page.GotoAsync(new Uri(host.Factory.ServerAddress, "/Account/Login").ToString());
            await page.GetByLabel("邮箱").FocusAsync();
            await page.Keyboard.TypeAsync("cadre2@yqby.test");
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync(Portal.Infrastructure.Data.Seeding.DemoData.Password);
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("[data-role-home]")).ToBeVisibleAsync();

            var navigationLink = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "企业" });
            for (var presses = 0; presses < 60 && !await navigationLink.EvaluateAsync<bool>("e => e === document.activeElement"); presses++)
            {
                await page.Keyboard.PressAsync("Tab");
            }
            await Expect(navigationLink).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/enterprises$"));
        });
    }

    [Fact]
    public async Task EveryRequestThePortalMakes_StaysOnThePortalsOwnHost()
    {
        var foreign = new List<string>();
        await Chromium.RunAsync(nameof(EveryRequestThePortalMakes_StaysOnThePortalsOwnHost), async page =>
        {
            page.Request += (_, request) =>
            {
                var url = new Uri(request.Url);
                if (url.Scheme is "http" or "https" or "ws" or "wss" && url.Authority != host.Factory.ServerAddress.Authority)
                {
                    foreign.Add(request.Url);
                }
            };
            await page.GotoAsync(host.Factory.ServerAddress.ToString());
            await BrowserLogin.SignInAsync(page, host.Factory.ServerAddress, "admin@yqby.test");
            foreach (var path in new[] { "/requests", "/admin/calendar", "/Account/Manage", "/status/404" })
            {
                await page.GotoAsync(new Uri(host.Factory.ServerAddress, path).ToString());
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            }
        });
        Assert.Empty(foreign);
    }
}
