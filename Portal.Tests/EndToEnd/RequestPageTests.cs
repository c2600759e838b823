using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

/// <summary>The enterprise follows its request in Chromium, on a phone-sized screen, while staff act through the services.</summary>
public class RequestPageTests(BrowserPortalHost host) : IClassFixture<BrowserPortalHost>
{
    [Fact]
    public async Task TheEnterprise_SeesTheResolutionArriveLive_EvaluatesItUnsatisfied_AndItReopens()
    {
        var number = await SignedForAsync("园区道路破损影响物流");

        await Chromium.RunAsync(nameof(TheEnterprise_SeesTheResolutionArriveLive_EvaluatesItUnsatisfied_AndItReopens), async page =>
        {
            await page.SetViewportSizeAsync(375, 812);
            await BrowserLogin.SignInAsync(page, host.Factory.ServerAddress, "enterprise@yqby.test");
            await page.GotoAsync(host.Address($"/requests/{number}").ToString());
            await BrowserLogin.InteractiveAsync(page);
            await Expect(page.GetByTestId("request-state")).ToHaveTextAsync("办理中");
            await Expect(page.GetByTestId("request-department")).ToHaveTextAsync("自然资源局");
            await Expect(page.GetByTestId("request-commissioner")).ToHaveTextAsync("李明");
            await Expect(page.Locator("[data-action-button='Evaluate']")).ToHaveCountAsync(0);

            // The handler resolves it through the services while the page is open: no reload.
            await ActAsync("zrzy.handler@yqby.test", number, (s, u, v) => s.ResolveAsync(u, number, v, "已协调住建局完成道路修复。"));

            await Expect(page.GetByTestId("request-state")).ToHaveTextAsync("已答复");
            await Expect(page.GetByTestId("timeline-entry").Last).ToContainTextAsync("已协调住建局完成道路修复。");

            await page.GetByRole(AriaRole.Button, new() { Name = "评价" }).ClickAsync();
            await page.GetByRole(AriaRole.Radio, new() { Name = "未解决" }).CheckAsync();
            await page.GetByRole(AriaRole.Radio, new() { Name = "不满意" }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();

            // Unsatisfied without a comment: told by the field, the choices kept.
            await Expect(page.Locator("[data-form='Evaluate']")).ToContainTextAsync("未解决或不满意时，请说明原因");
            await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "不满意" })).ToBeCheckedAsync();

            await page.GetByLabel("评价意见").FillAsync("修复后仍有积水，货车进出困难。");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();

            await Expect(page.GetByTestId("request-state")).ToHaveTextAsync("办理中");
            await Expect(page.GetByTestId("action-result")).ToContainTextAsync("感谢您的评价");
            await Expect(page.GetByTestId("timeline-entry").Last).ToContainTextAsync("修复后仍有积水，货车进出困难。");
            await Expect(page.Locator("[data-action-button='Urge']")).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, "the request page scrolls sideways at 375 px");
        });

        var details = await GetAsync("supervisor@yqby.test", number);
        Assert.Equal(RequestState.InProgress, details.State);
        Assert.Equal(1, details.ReopenCount);
    }

    [Fact]
    public async Task AHandler_RepliesInADialogWithAFile_TheReplyAndItsFileShowOnTheTimeline_AndTheEnterpriseCanDownloadIt()
    {
        var number = await SignedForAsync("厂区用电增容");

        await Chromium.RunAsync(nameof(AHandler_RepliesInADialogWithAFile_TheReplyAndItsFileShowOnTheTimeline_AndTheEnterpriseCanDownloadIt), async page =>
        {
            await page.SetViewportSizeAsync(375, 812);
            await BrowserLogin.SignInAsync(page, host.Factory.ServerAddress, "zrzy.handler@yqby.test");
            await page.GotoAsync(host.Address($"/requests/{number}").ToString());
            await BrowserLogin.InteractiveAsync(page);
            await Expect(page.GetByTestId("request-state")).ToHaveTextAsync("办理中");

            await page.Locator("[data-action-button='PublicReply']").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("答复企业");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "发送答复" }).ClickAsync();
            await Expect(dialog).ToContainTextAsync("请填写答复内容");

            await dialog.GetByLabel("答复内容").FillAsync("增容方案已报供电公司，批复见附件。");
            await page.Locator("#action-files").SetInputFilesAsync(new FilePayload
            {
                Name = "增容批复.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf("capacity"),
            });
            await Expect(dialog.GetByTestId("action-file")).ToHaveAttributeAsync("data-name", "增容批复.pdf");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "发送答复" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
            var reply = page.GetByTestId("timeline-entry").Last;
            await Expect(reply).ToHaveAttributeAsync("data-action", "PublicReply");
            await Expect(reply).ToContainTextAsync("增容方案已报供电公司，批复见附件。");
            await Expect(reply.GetByTestId("timeline-file")).ToContainTextAsync("增容批复.pdf");
            await Expect(page.GetByTestId("attachment-link")).ToContainTextAsync("增容批复.pdf");
        });

        var seen = await GetAsync("enterprise@yqby.test", number);
        var file = Assert.Single(seen.EventFiles!);
        Assert.Equal("增容批复.pdf", file.FileName);
        Assert.Equal(seen.Timeline.Single(e => e.Action == RequestAction.PublicReply).Sequence, file.EventSequence);
    }

    /// <summary>创普斯's request, dispatched to 自然资源局 by 李明 and signed for, through the services.</summary>
    private async Task<string> SignedForAsync(string title)
    {
        var enterprise = await UserAsync("enterprise@yqby.test");
        var number = await UseAsync(async s =>
        {
            var category = await QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());
            return await s.SubmitAsync(enterprise, new SubmitRequestInput(
                enterprise.EnterpriseId!.Value, category, Urgency.Normal, RequestChannel.Portal, title, "道路破损，货车无法进出。"));
        });
        var zrzy = await QueryAsync(db => db.Departments.Where(d => d.Code == "ZRZY").Select(d => d.Id).SingleAsync());
        await ActAsync("commissioner@yqby.test", number, (s, u, v) => s.DispatchAsync(u, number, v, zrzy));
        await ActAsync("zrzy.handler@yqby.test", number, (s, u, v) => s.SignAsync(u, number, v));
        return number;
    }

    private async Task ActAsync(string email, string number, Func<RequestService, PortalUser, int, Task> act)
    {
        var user = await UserAsync(email);
        var version = (await GetAsync(email, number)).Version;
        await UseAsync(async s =>
        {
            await act(s, user, version);
            return true;
        });
    }

    private Task<RequestDetails> GetAsync(string email, string number) => host.Factory.Services.RequestAsync(email, number);

    private Task<T> UseAsync<T>(Func<RequestService, Task<T>> use) => host.Factory.Services.RequestsAsync(use);

    private Task<T> QueryAsync<T>(Func<PortalDbContext, Task<T>> query) => host.Factory.Services.QueryAsync(query);

    private Task<PortalUser> UserAsync(string email) => host.Factory.Services.UserAsync(email);
}
