using Microsoft.Playwright;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Data.Seeding;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

public class LoginTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Login_ThroughTheRealForm_GreetsTheUserByName(DatabaseProvider provider)
    {
        await using var portal = await PortalFactory.StartAsync(provider, kestrel: true);

        await Chromium.RunAsync($"{nameof(Login_ThroughTheRealForm_GreetsTheUserByName)}-{provider}", async page =>
        {
            await page.GotoAsync(new Uri(portal.ServerAddress, "/Account/Login").ToString());
            await page.Locator("[name='Input.Email']").FillAsync("commissioner@yqby.test");
            await page.Locator("[name='Input.Password']").FillAsync(DemoData.Password);
            await page.Locator("form[action] button[type='submit']").First.ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("李明，您好");
        });
    }

    [Fact]
    public async Task Login_WithAWrongPassword_StaysOnTheFormWithoutSigningIn()
    {
        await using var portal = await PortalFactory.StartAsync(DatabaseProvider.Sqlite, kestrel: true);

        await Chromium.RunAsync(nameof(Login_WithAWrongPassword_StaysOnTheFormWithoutSigningIn), async page =>
        {
            await page.GotoAsync(new Uri(portal.ServerAddress, "/Account/Login").ToString());
            await page.Locator("[name='Input.Email']").FillAsync("commissioner@yqby.test");
            await page.Locator("[name='Input.Password']").FillAsync("Not#ThePassword1");
            await page.Locator("form[action] button[type='submit']").First.ClickAsync();

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
            await Expect(page.GetByRole(AriaRole.Alert).First).ToBeVisibleAsync();
            await Expect(page.Locator("[name='Input.Email']")).ToHaveValueAsync("commissioner@yqby.test");
        });
    }
}
