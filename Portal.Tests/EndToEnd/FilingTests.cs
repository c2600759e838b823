using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

/// <summary>An enterprise files a request in Chromium on a phone-sized screen, and finds it again.</summary>
public partial class FilingTests(BrowserPortalHost host) : IClassFixture<BrowserPortalHost>
{
    private const string Title = "二期项目用地报批延误";
    private const string Description = "我公司二期项目用地报批已逾两个月，影响年内开工，请协调自然资源局加快办理。";

    [Fact]
    public async Task AnEnterprise_FilesARequestWithAPdf_SeesTheReceipt_AndFindsItInMyRequests()
    {
        await Chromium.RunAsync(nameof(AnEnterprise_FilesARequestWithAPdf_SeesTheReceipt_AndFindsItInMyRequests), async page =>
        {
            await page.SetViewportSizeAsync(375, 812);
            await BrowserLogin.SignInAsync(page, host.Factory.ServerAddress, "enterprise@yqby.test");
            await page.GotoAsync(host.Address("/requests/new").ToString());
            await BrowserLogin.InteractiveAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("提交诉求");

            var land = page.GetByTestId("category").Filter(new() { HasText = "用地" }).First;
            await Expect(land.GetByTestId("category-promise")).ToContainTextAsync("一般 10 个工作日内办结");
            await land.Locator("label").First.ClickAsync();
            await page.Locator("#request-title").FillAsync(Title);
            await page.Locator("#request-description").FillAsync(Description);
            await page.Locator("#request-files").SetInputFilesAsync(new FilePayload
            {
                Name = "用地红线图.pdf",
                MimeType = "application/pdf",
                Buffer = SampleFiles.Pdf("site plan"),
            });
            await Expect(page.GetByTestId("file")).ToHaveAttributeAsync("data-name", "用地红线图.pdf");
            await Expect(page.GetByTestId("draft-status")).ToContainTextAsync("草稿已于");
            Assert.True(await FitsTheScreenAsync(page), "the form is wider than the screen");

            await page.GetByTestId("submit").ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("诉求已提交");
            var number = (await page.GetByTestId("receipt-number").TextContentAsync())!.Trim();
            Assert.Matches(NumberPattern(), number);
            await Expect(page.GetByTestId("receipt-commissioner")).ToHaveTextAsync("由服务专员 李明 受理");
            await Expect(page.GetByTestId("receipt-deadlines").Locator("li")).ToHaveCountAsync(3);
            await Expect(page.GetByTestId("receipt-deadlines")).ToContainTextAsync("受理派单：2 个工作小时内，截至");

            await page.GetByRole(AriaRole.Link, new() { Name = "我的诉求" }).Last.ClickAsync();

            await Expect(page).ToHaveURLAsync(host.Address("/requests").ToString());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("我的诉求");
            var row = page.Locator("tr").Filter(new() { HasText = number });
            await Expect(row.GetByTestId("request-row-title")).ToContainTextAsync(Title);
            await Expect(row.GetByTestId("request-row-state")).ToHaveTextAsync("待受理");
            await Expect(row.GetByTestId("time-left")).ToContainTextAsync("剩余");
            Assert.True(await FitsTheScreenAsync(page), "the list is wider than the screen");

            await row.GetByTestId("request-link").ClickAsync();

            await Expect(page.GetByTestId("request-title")).ToHaveTextAsync(Title);
            var link = page.GetByTestId("attachment-link");
            await Expect(link).ToHaveTextAsync("用地红线图.pdf");
            var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
            Assert.Equal("用地红线图.pdf", download.SuggestedFilename);
        });
    }

    private static Task<bool> FitsTheScreenAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    [GeneratedRegex(@"^YQBY-\d{8}-\d{4}$")]
    private static partial Regex NumberPattern();
}
