using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// Issue #8's whole journey in Chromium: a new user of 创普斯 registers, its commissioner approves in a browser of their own,
/// the user files a request with a PDF and follows it; staff act through the services; the reply arrives live and the
/// user's unsatisfied evaluation reopens it.
/// </summary>
public partial class EnterpriseJourneyTests
{
    private const string Email = "sun.qi@example.cn";
    private const string Password = "Canal#Boat-88";
    private const string Title = "二期厂房用电增容申请";
    private const string Description = "我公司二期厂房投产在即，需将用电容量由 2000 千伏安增至 5000 千伏安，请协调供电公司尽快办理。";

    [Fact]
    public async Task ANewUser_Registers_IsApproved_FilesWithAPdf_SeesTheReplyLive_AndItsUnsatisfiedEvaluationReopensTheRequest()
    {
        await using var portal = await PortalFactory.StartAsync(DatabaseProvider.Sqlite, runJobServer: true, kestrel: true);
        Uri At(string path) => new(portal.ServerAddress, path);

        await Chromium.RunAsync(nameof(ANewUser_Registers_IsApproved_FilesWithAPdf_SeesTheReplyLive_AndItsUnsatisfiedEvaluationReopensTheRequest), async page =>
        {
            // Registers for an enterprise the portal knows, and confirms the address.
            await page.GotoAsync(At("/Account/Register").ToString());
            await page.GetByLabel("企业名称").FillAsync("枣庄创普斯新能源科技有限公司");
            await page.GetByLabel("统一社会信用代码").FillAsync("91370405MA3C8K2L60");
            await page.GetByLabel("姓名").FillAsync("孙七");
            await page.GetByLabel("手机号码").FillAsync("13905325678");
            await page.GetByLabel("邮箱").FillAsync(Email);
            await page.GetByLabel("密码", new() { Exact = true }).FillAsync(Password);
            await page.GetByLabel("确认密码").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "注册" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("请确认邮箱");
            var confirmation = await Mailbox.WaitForAsync(portal.PickupDirectory, m => m.To.Mailboxes.Single().Address == Email);
            await page.GotoAsync(ConfirmationLink().Match(confirmation.TextBody ?? "").Value);
            await Expect(page.GetByText("感谢您确认邮箱")).ToBeVisibleAsync();

            // The commissioner approves, in a browser context of their own.
            var commissionerContext = await page.Context.Browser!.NewContextAsync(new() { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
            await using (commissionerContext)
            {
                var commissioner = await commissionerContext.NewPageAsync();
                commissioner.SetDefaultTimeout(15_000);
                await BrowserLogin.SignInAsync(commissioner, portal.ServerAddress, "commissioner@yqby.test");
                await commissioner.GotoAsync(At("/approvals").ToString());
                await BrowserLogin.InteractiveAsync(commissioner);
                var registration = commissioner.GetByTestId("registration").Filter(new() { HasText = "孙七" });
                await Expect(registration).ToContainTextAsync("91370405MA3C8K2L60");
                await registration.GetByTestId("approve").ClickAsync();
                await Expect(commissioner.GetByTestId("approvals-result")).ToContainTextAsync("已通过 孙七");
            }

            // Signed in now with the Enterprise role, files a request with a PDF.
            await BrowserLogin.SignInAsync(page, portal.ServerAddress, Email, Password);
            await page.GotoAsync(At("/requests/new").ToString());
            await BrowserLogin.InteractiveAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("提交诉求");
            var power = await portal.Services.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "POWER").Select(c => c.Id).SingleAsync());
            await page.Locator($"[data-category='{power}'] label").First.ClickAsync();
            await page.Locator("#request-title").FillAsync(Title);
            await page.Locator("#request-description").FillAsync(Description);
            await page.Locator("#request-files").SetInputFilesAsync(new FilePayload
            {
                Name = "用电增容申请表.pdf",
                MimeType = "application/pdf",
                Buffer = SampleFiles.Pdf("capacity"),
            });
            await Expect(page.GetByTestId("file")).ToHaveAttributeAsync("data-name", "用电增容申请表.pdf");
            await page.GetByTestId("submit").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("诉求已提交");
            var number = (await page.GetByTestId("receipt-number").TextContentAsync())!.Trim();
            await Expect(page.GetByTestId("receipt-commissioner")).ToHaveTextAsync("由服务专员 李明 受理");

            await page.GotoAsync(At("/requests").ToString());
            var row = page.Locator("tr").Filter(new() { HasText = number });
            await Expect(row.GetByTestId("request-row-title")).ToContainTextAsync(Title);
            await Expect(row.GetByTestId("request-row-state")).ToHaveTextAsync("待受理");

            // Staff take it on through the services; the user opens the request and waits.
            await ActAsync(portal, "commissioner@yqby.test", number, async (s, u, v) =>
                await s.DispatchAsync(u, number, v, await portal.Services.QueryAsync(db => db.Departments.Where(d => d.Code == "GDGS").Select(d => d.Id).SingleAsync())));
            await ActAsync(portal, "gdgs.handler@yqby.test", number, (s, u, v) => s.SignAsync(u, number, v));
            await row.GetByTestId("request-link").ClickAsync();
            await BrowserLogin.InteractiveAsync(page);
            await Expect(page.GetByTestId("request-title")).ToHaveTextAsync(Title);
            await Expect(page.GetByTestId("attachment-link")).ToHaveTextAsync("用电增容申请表.pdf");
            await Expect(page.GetByTestId("request-state")).ToHaveTextAsync("办理中");

            await ActAsync(portal, "gdgs.handler@yqby.test", number, (s, u, v) => s.ResolveAsync(u, number, v, "已协调供电公司，增容方案将于本月内实施。"));

            await Expect(page.GetByTestId("request-state")).ToHaveTextAsync("已答复");
            await Expect(page.GetByTestId("timeline-entry").Last).ToContainTextAsync("已协调供电公司，增容方案将于本月内实施。");

            await page.GetByRole(AriaRole.Button, new() { Name = "评价" }).ClickAsync();
            await page.GetByRole(AriaRole.Radio, new() { Name = "未解决" }).CheckAsync();
            await page.GetByRole(AriaRole.Radio, new() { Name = "不满意" }).CheckAsync();
            await page.GetByLabel("评价意见").FillAsync("实施时间未定，投产受影响。");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();

            await Expect(page.GetByTestId("request-state")).ToHaveTextAsync("办理中");
            await Expect(page.GetByTestId("timeline-entry").Last).ToContainTextAsync("实施时间未定，投产受影响。");

            var details = await portal.Services.RequestAsync("supervisor@yqby.test", number);
            Assert.Equal(RequestState.InProgress, details.State);
            Assert.Equal(1, details.ReopenCount);
        });
    }

    private static async Task ActAsync(PortalFactory portal, string email, string number, Func<RequestService, PortalUser, int, Task> act)
    {
        var user = await portal.Services.UserAsync(email);
        var version = (await portal.Services.RequestAsync(email, number)).Version;
        await portal.Services.RequestsAsync(async s =>
        {
            await act(s, user, version);
            return true;
        });
    }

    [GeneratedRegex(@"http\S*/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmationLink();
}
