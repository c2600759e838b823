using Microsoft.Playwright;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

/// <summary>An admin on a phone-sized screen makes the water bureau's handler its head, who then sees the head's load panel.</summary>
public class OrganisationPageTests
{
    [Fact]
    public async Task AnAdminAppointsAHandlerAsHead_WhoThenSeesTheDepartmentsLoad()
    {
        await using var portal = await PortalFactory.StartAsync(DatabaseProvider.Sqlite, kestrel: true);

        await Chromium.RunAsync(nameof(AnAdminAppointsAHandlerAsHead_WhoThenSeesTheDepartmentsLoad), async page =>
        {
            await page.SetViewportSizeAsync(375, 812);
            await BrowserLogin.SignInAsync(page, portal.ServerAddress, "admin@yqby.test");
            await page.GotoAsync(new Uri(portal.ServerAddress, "/admin/organisation").ToString());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("组织机构");
            await BrowserLogin.InteractiveAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "编辑部门：水务局" }).ClickAsync();
            await page.GetByTestId("department-head").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "水务局经办人 (swj.handler@yqby.test)" }).ClickAsync();
            await page.GetByTestId("department-save").ClickAsync();

            await Expect(page.GetByTestId("organisation-result")).ToContainTextAsync("已保存“水务局”。");
            await Expect(page.Locator("[data-testid='department-row'][data-code='SWJ'] [data-testid='department-head-name']"))
                .ToHaveTextAsync("水务局经办人 (swj.handler@yqby.test)");

            await page.Context.ClearCookiesAsync();
            await BrowserLogin.SignInAsync(page, portal.ServerAddress, "swj.handler@yqby.test");
            await page.GotoAsync(new Uri(portal.ServerAddress, "/workspace").ToString());
            await Expect(page.GetByTestId("handler-load")).ToBeVisibleAsync();
        });
    }
}
