using Microsoft.Playwright;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

/// <summary>The enterprises page in Chromium on a phone-sized screen: the admin's form fits, and a bad credit code is told beside its field.</summary>
public class EnterprisesPageBrowserTests(BrowserPortalHost host) : IClassFixture<BrowserPortalHost>
{
    [Fact]
    public async Task TheAdmin_AtPhoneWidth_IsToldABadCreditCodeBesideTheField_AndKeepsWhatWasTyped()
    {
        await Chromium.RunAsync(nameof(TheAdmin_AtPhoneWidth_IsToldABadCreditCodeBesideTheField_AndKeepsWhatWasTyped), async page =>
        {
            await page.SetViewportSizeAsync(375, 812);
            await BrowserLogin.SignInAsync(page, host.Factory.ServerAddress, "admin@yqby.test");
            await page.GotoAsync(host.Address("/enterprises").ToString());
            await BrowserLogin.InteractiveAsync(page);
            await Expect(page.GetByTestId("enterprise-row").First).ToBeVisibleAsync();

            await page.GetByTestId("enterprises-new").ClickAsync();
            await page.GetByLabel("企业名称", new() { Exact = true }).FillAsync("运河纸品有限公司");
            await page.Locator("#enterprise-code").FillAsync("91370405MA3C8K2L6O");
            await page.GetByTestId("enterprise-save").ClickAsync();

            await Expect(page.GetByTestId("enterprises-error")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("enterprise-form")).ToContainTextAsync("统一社会信用代码含有无效字符“O”");
            await Expect(page.Locator("#enterprise-name")).ToHaveValueAsync("运河纸品有限公司");
            await Expect(page.Locator("#enterprise-code")).ToHaveValueAsync("91370405MA3C8K2L6O");
            var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, "the enterprises page scrolls sideways at 375 px");
        });
    }
}
