using Microsoft.Playwright;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

/// <summary>An enterprise user keeps a project in Chromium: bad input is told by the field and nothing typed is lost.</summary>
public class ProjectPageTests(BrowserPortalHost host) : IClassFixture<BrowserPortalHost>
{
    [Fact]
    public async Task TheEnterprise_AddsAProject_CorrectingWhatWasRefused_ThenMovesItToTheNextStage()
    {
        await Chromium.RunAsync(nameof(TheEnterprise_AddsAProject_CorrectingWhatWasRefused_ThenMovesItToTheNextStage), async page =>
        {
            await BrowserLogin.SignInAsync(page, host.Factory.ServerAddress, "enterprise@yqby.test");
            await page.Locator("nav a[data-nav='Nav.Projects']").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("项目");
            await BrowserLogin.InteractiveAsync(page);
            await page.GetByTestId("project-new").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("登记项目");
            await BrowserLogin.InteractiveAsync(page);

            await page.GetByLabel("项目名称").FillAsync("创普斯年产 5 万吨磷酸铁锂二期");
            await page.GetByLabel("计划投资（万元）").FillAsync("一点二亿");
            await page.GetByLabel("立项日期").FillAsync("2026-02-10");
            await page.GetByTestId("project-save").ClickAsync();

            var form = page.GetByTestId("project-form");
            await Expect(form).ToContainTextAsync("请输入数字，例如 12000 或 3500.5");
            await Expect(page.GetByLabel("项目名称")).ToHaveValueAsync("创普斯年产 5 万吨磷酸铁锂二期");
            await Expect(page.GetByLabel("计划投资（万元）")).ToHaveValueAsync("一点二亿");

            await page.GetByLabel("计划投资（万元）").FillAsync("12000");
            await page.GetByTestId("project-save").ClickAsync();

            await Expect(form).ToContainTextAsync("请填写签约日期");
            await Expect(page.GetByLabel("立项日期")).ToHaveValueAsync("2026-02-10");

            await page.GetByLabel("签约日期").FillAsync("2026-01-08");
            await page.GetByTestId("project-save").ClickAsync();

            await Expect(page.GetByTestId("project-name")).ToHaveTextAsync("创普斯年产 5 万吨磷酸铁锂二期");
            await Expect(page.GetByTestId("project-stage")).ToHaveTextAsync("立项");
            await Expect(page.GetByTestId("project-investment")).ToHaveTextAsync("12,000 万元");
            await Expect(page.GetByTestId("project-no-requests")).ToBeVisibleAsync();
            await BrowserLogin.InteractiveAsync(page);

            await page.GetByTestId("project-edit").ClickAsync();
            await page.GetByLabel("审批日期").FillAsync("2026-02-01");
            await page.GetByTestId("project-save").ClickAsync();
            await Expect(page.GetByTestId("project-form")).ToContainTextAsync("审批日期不能早于上一阶段的日期");

            await page.GetByLabel("审批日期").FillAsync("2026-03-20");
            await page.GetByTestId("project-save").ClickAsync();
            await Expect(page.GetByTestId("project-stage")).ToHaveTextAsync("审批");
            await Expect(page.Locator("[data-stage='Permitted']")).ToHaveTextAsync("2026年3月20日");
        });
    }
}
