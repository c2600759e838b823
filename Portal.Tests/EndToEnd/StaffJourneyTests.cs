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
/// Issue #9's journey in Chromium: one request goes from the commissioner's dispatch through the department's sign,
/// a co-handler's reply, an extension asked by the handler and approved by a supervisor, to resolution and the
/// enterprise's evaluation. Every actor works in a browser context of their own, in the dialogs of the request page,
/// and each finds the request in their queue without reloading it.
/// </summary>
public class StaffJourneyTests
{
    private const string Title = "二期项目用地指标协调";
    private const string Description = "我公司二期项目急需 30 亩建设用地指标，请协调自然资源局与发改局尽快办理。";

    [Fact]
    public async Task ARequest_GoesFromDispatchThroughCoHandlingAndAnExtensionToEvaluation_EachActorsQueueUpdatingLive()
    {
        await using var portal = await PortalFactory.StartAsync(DatabaseProvider.Sqlite, runJobServer: true, kestrel: true);
        var number = "";

        await Chromium.RunAsync(nameof(ARequest_GoesFromDispatchThroughCoHandlingAndAnExtensionToEvaluation_EachActorsQueueUpdatingLive), async first =>
        {
            var browser = first.Context.Browser!;
            var commissioner = first;
            await SignInAsync(commissioner, portal, "commissioner@yqby.test", "/workspace");
            var handler = await OpenAsync(browser, portal, "zrzy.handler@yqby.test", "/workspace");
            var coHandler = await OpenAsync(browser, portal, "fgj.handler@yqby.test", "/workspace");
            await coHandler.Locator("[data-testid='queue-tab'][data-tab='InProgress']").ClickAsync();
            var supervisor = await OpenAsync(browser, portal, "supervisor@yqby.test", "/workspace");
            await Expect(supervisor.GetByTestId("pending-extensions")).ToBeVisibleAsync();

            // The enterprise files; the commissioner's open queue shows it without a reload, and they dispatch it.
            number = await SubmitAsync(portal);
            var enterprise = await OpenAsync(browser, portal, "enterprise@yqby.test", $"/requests/{number}");
            await Expect(enterprise.GetByTestId("request-state")).ToHaveTextAsync("待受理");

            await OpenFromQueueAsync(commissioner, number);
            await TakeAsync(commissioner, "Dispatch", "确认派单", async dialog =>
                await dialog.Locator("#action-department").SelectOptionAsync(new SelectOptionValue { Label = "自然资源局" }));
            await Expect(commissioner.GetByTestId("request-state")).ToHaveTextAsync("已派单");

            // The department's handler finds it under 待签收, signs it and asks 发改局 to co-handle.
            await OpenFromQueueAsync(handler, number);
            await TakeAsync(handler, "Sign", "确认签收", _ => Task.CompletedTask);
            await Expect(handler.GetByTestId("request-state")).ToHaveTextAsync("办理中");
            await TakeAsync(handler, "AddCoHandler", "确认增加", async dialog =>
                await dialog.Locator("#action-department").SelectOptionAsync(new SelectOptionValue { Label = "发改局" }));
            await Expect(handler.Locator("[data-action-button='Resolve']")).ToHaveCountAsync(0);

            // 发改局's handler finds it under 办理中 and replies to the lead department.
            await OpenFromQueueAsync(coHandler, number);
            await TakeAsync(coHandler, "CoHandlerReply", "发送协办意见", async dialog =>
                await dialog.GetByLabel("协办意见").FillAsync("该地块已纳入年度用地计划，发改局无异议。"));
            await Expect(handler.GetByTestId("timeline-entry").Filter(new LocatorFilterOptions { HasText = "发改局无异议" })).ToHaveCountAsync(1);

            // The handler asks for three more working days; the supervisor's list of pending extensions shows it live.
            await TakeAsync(handler, "RequestExtension", "提交延期申请", async dialog =>
            {
                await dialog.Locator("#action-days").FillAsync("3");
                await dialog.GetByLabel("延期理由").FillAsync("需组织现场踏勘，核实地块边界。");
            });
            var extension = supervisor.Locator($"[data-testid='extension-row'][data-number='{number}']");
            await Expect(extension).ToHaveAttributeAsync("data-days", "3");
            await Expect(extension.GetByTestId("extension-reason")).ToHaveTextAsync("需组织现场踏勘，核实地块边界。");
            await extension.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
            await BrowserLogin.InteractiveAsync(supervisor);
            await TakeAsync(supervisor, "ApproveExtension", "批准延期", async dialog =>
                await Expect(dialog.Locator("#action-days")).ToHaveValueAsync("3"));
            await Expect(supervisor.Locator("[data-action-button='ApproveExtension']")).ToHaveCountAsync(0);

            // The handler resolves; the enterprise's open page shows the answer live, and the enterprise is satisfied.
            await TakeAsync(handler, "Resolve", "确认办结", async dialog =>
                await dialog.GetByLabel("办理结果").FillAsync("已下达 30 亩用地指标，请于下周到政务服务中心办理用地手续。"));
            await Expect(handler.GetByTestId("request-state")).ToHaveTextAsync("已答复");

            await Expect(enterprise.GetByTestId("request-state")).ToHaveTextAsync("已答复");
            await Expect(enterprise.GetByTestId("timeline-entry").Last).ToContainTextAsync("已下达 30 亩用地指标");
            await TakeAsync(enterprise, "Evaluate", "提交评价", async dialog =>
            {
                await dialog.GetByRole(AriaRole.Radio, new() { Name = "已解决" }).CheckAsync();
                await dialog.GetByRole(AriaRole.Radio, new() { Name = "满意", Exact = true }).CheckAsync();
            });
            await Expect(enterprise.GetByTestId("request-state")).ToHaveTextAsync("已办结");
        });

        var done = await portal.Services.RequestAsync("supervisor@yqby.test", number);
        Assert.Equal(RequestState.Closed, done.State);
        Assert.Equal(1, done.ApprovedExtensions);
        Assert.Equal(
            [RequestAction.Submit, RequestAction.Dispatch, RequestAction.Sign, RequestAction.AddCoHandler, RequestAction.CoHandlerReply,
             RequestAction.RequestExtension, RequestAction.ApproveExtension, RequestAction.Resolve, RequestAction.Evaluate],
            done.Timeline.Select(e => e.Action).Where(a => a is not (RequestAction.Urge or RequestAction.Supervise)));
    }

    /// <summary>Opens the request from the page's queue, where it must have arrived without a reload.</summary>
    private static async Task OpenFromQueueAsync(IPage page, string number)
    {
        var row = page.Locator($"[data-testid='queue-row'][data-number='{number}']");
        await Expect(row).ToContainTextAsync(Title);
        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(page.GetByTestId("request-title")).ToHaveTextAsync(Title);
        await BrowserLogin.InteractiveAsync(page);
    }

    /// <summary>Opens the action's dialog, fills it, sends it, and waits for the dialog to close.</summary>
    private static async Task TakeAsync(IPage page, string action, string submit, Func<ILocator, Task> fill)
    {
        await page.Locator($"[data-action-button='{action}']").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await fill(dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = submit }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }

    private static async Task<IPage> OpenAsync(IBrowser browser, PortalFactory portal, string email, string path)
    {
        var context = await browser.NewContextAsync(new() { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await SignInAsync(page, portal, email, path);
        return page;
    }

    private static async Task SignInAsync(IPage page, PortalFactory portal, string email, string path)
    {
        await BrowserLogin.SignInAsync(page, portal.ServerAddress, email);
        await page.GotoAsync(new Uri(portal.ServerAddress, path).ToString());
        await BrowserLogin.InteractiveAsync(page);
    }

    private static async Task<string> SubmitAsync(PortalFactory portal)
    {
        var user = await portal.Services.UserAsync("enterprise@yqby.test");
        var land = await portal.Services.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());
        return await portal.Services.RequestsAsync(s => s.SubmitAsync(user, new SubmitRequestInput(
            user.EnterpriseId!.Value, land, Urgency.Normal, RequestChannel.Portal, Title, Description)));
    }
}
