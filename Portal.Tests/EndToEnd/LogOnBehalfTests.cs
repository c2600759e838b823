using Microsoft.Playwright;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

/// <summary>代为登记: a commissioner logs a phone call for one of their enterprises in Chromium, and finds it in their queue.</summary>
public class LogOnBehalfTests(BrowserPortalHost host) : IClassFixture<BrowserPortalHost>
{
    private const string Title = "来电反映：变压器增容排期";
    private const string Description = "企业负责人来电反映二期厂房变压器增容迟迟未排期，影响设备调试，请协调供电公司。";

    [Fact]
    public async Task ACommissioner_LogsAPhoneCall_AndItWaitsInTheirQueueAsAPhoneRequest()
    {
        await Chromium.RunAsync(nameof(ACommissioner_LogsAPhoneCall_AndItWaitsInTheirQueueAsAPhoneRequest), async page =>
        {
            await page.SetViewportSizeAsync(375, 812);
            await BrowserLogin.SignInAsync(page, host.Factory.ServerAddress, "commissioner@yqby.test");
            await page.GotoAsync(host.Address("/requests/new").ToString());
            await BrowserLogin.InteractiveAsync(page);

            await page.GetByTestId("enterprise").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Option, new() { Name = "山东盛威新材料有限公司" })).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Option, new() { Name = "丰元汇能新能源材料有限公司" }).ClickAsync();
            await page.GetByTestId("channel").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "电话" }).ClickAsync();
            var power = page.GetByTestId("category").Filter(new() { HasText = "用电" }).First;
            await power.Locator("label").First.ClickAsync();
            await page.Locator("#request-title").FillAsync(Title);
            await page.Locator("#request-description").FillAsync(Description);
            await page.GetByTestId("submit").ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("诉求已提交");
            var number = (await page.GetByTestId("receipt-number").TextContentAsync())!.Trim();

            await page.GotoAsync(host.Address("/workspace").ToString());
            await BrowserLogin.InteractiveAsync(page);
            var row = page.GetByTestId("queue-row").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = number }) });
            await Expect(row).ToContainTextAsync(Title);
            await Expect(row.GetByTestId("queue-channel")).ToHaveAttributeAsync("data-channel", "Phone");
            await Expect(row.GetByTestId("queue-channel")).ToContainTextAsync("电话");
            await Expect(row).ToContainTextAsync("丰元汇能新能源材料有限公司");

            await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
            await Expect(page.GetByTestId("request-title")).ToHaveTextAsync(Title);
            var card = page.GetByTestId("enterprise-card");
            await Expect(card.GetByTestId("card-enterprise")).ToHaveTextAsync("丰元汇能新能源材料有限公司");
            await Expect(card.GetByTestId("card-contact")).ToContainTextAsync("高雪");
        });
    }
}
