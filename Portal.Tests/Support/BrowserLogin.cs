using Microsoft.Playwright;
using Portal.Infrastructure.Data.Seeding;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Support;

public static class BrowserLogin
{
    /// <summary>Signs in through the real login form and waits for the signed-in home page.</summary>
    public static async Task SignInAsync(IPage page, Uri portal, string email, string password = DemoData.Password)
    {
        await page.GotoAsync(new Uri(portal, "/Account/Login").ToString());
        await page.Locator("[name='Input.Email']").FillAsync(email);
        await page.Locator("[name='Input.Password']").FillAsync(password);
        await page.Locator("form[action] button[type='submit']").First.ClickAsync();
        await Expect(page.Locator("[data-role-home]")).ToBeVisibleAsync();
        await InteractiveAsync(page);
    }

    /// <summary>Waits until the page's circuit is live, so that a click reaches the component and not the prerendered HTML.</summary>
    public static Task InteractiveAsync(IPage page) => Expect(page.Locator("main[data-interactive='true']")).ToBeAttachedAsync();
}
