using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Requests;
using Portal.Tests.Support;
using Stage = Portal.Tests.Infrastructure.Requests.RequestAuthorisationMatrixTests.Stage;

namespace Portal.Tests.Web;

/// <summary>
/// Staff's action dialogs on the request page, live over a real SQLite portal: the bad input of the [Workspace]
/// issue is refused with a clear message by the field or above the fields, and nothing typed is lost.
/// </summary>
public class StaffActionDialogsTests : ComponentTest
{
    private RequestAuthorisationMatrixTests.StagedPortal _staged = null!;

    private SeededPortal Portal => _staged.Portal;

    private async Task<(string Number, int Version)> StagedAsync(Stage stage)
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(DatabaseProvider.Sqlite);
        _staged = await RequestAuthorisationMatrixTests.StagedPortal.CreateAsync(portal, time);
        var (number, version) = await _staged.StageAsync(stage);
        AddRequestPageServices(portal.Services);
        return (number!, version);
    }

    private BunitAuthorizationContext? _authorization;

    private async Task<IRenderedComponent<IComponent>> OpenAsAsync(string email, string number)
    {
        var user = await Portal.UserAsync(email);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id) };
        if (user.DepartmentId is { } department)
        {
            claims.Add(new(PortalClaims.DepartmentId, department.ToString(CultureInfo.InvariantCulture)));
        }
        if (_authorization is null)
        {
            _authorization = AddAuthorization();
            SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        }
        _authorization.SetAuthorized(email).SetRoles(user.Role).SetClaims([.. claims]);
        var page = RenderRequestPage(number);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='request-state']")));
        return page;
    }

    private Task<T> AsAsync<T>(string email, Func<RequestService, PortalUser, Task<T>> act) =>
        Portal.RequestsAsync(async s => await act(s, await Portal.UserAsync(email)));

    private static string[] Buttons(IRenderedComponent<IComponent> page) =>
        [.. page.FindAll("[data-action-button]").Select(b => b.GetAttribute("data-action-button")!)];

    private static string State(IRenderedComponent<IComponent> page) => page.Find("[data-testid='request-state']").TextContent.Trim();

    private static string Dialog(IRenderedComponent<IComponent> page) => page.Find("form#request-action-form").TextContent;

    private static string Typed(IRenderedComponent<IComponent> page) =>
        page.Find("#action-text").GetAttribute("value") ?? page.Find("#action-text").TextContent;

    private static void Send(IRenderedComponent<IComponent> page) => page.Find("form#request-action-form").Submit();

    [Fact]
    public async Task DispatchWithoutADepartment_IsRefusedByThePicker_ThenDispatchingToTheChosenOneWorks()
    {
        var (number, _) = await StagedAsync(Stage.Submitted);
        var page = await OpenAsAsync("commissioner@yqby.test", number);

        page.Find("[data-action-button='Dispatch']").Click();
        Assert.Equal("派单", page.Find("[data-testid='action-dialog-title']").TextContent);
        Send(page);

        page.WaitForAssertion(() => Assert.Equal("请选择部门", page.Find("[data-testid='error-department']").TextContent));
        Assert.Equal("true", page.Find("#action-department").GetAttribute("aria-invalid"));
        Assert.Equal("待受理", State(page));

        page.Find("#action-department").Change(_staged.Ids.Lead.ToString(CultureInfo.InvariantCulture));
        Send(page);

        page.WaitForAssertion(() => Assert.Equal("已派单", State(page)));
        Assert.Equal("自然资源局", page.Find("[data-testid='request-department']").TextContent);
        Assert.Contains("已派单。", page.Find("[data-testid='action-result']").TextContent);
        Assert.Empty(page.FindAll("form#request-action-form"));
    }

    [Fact]
    public async Task AReplyWithNoText_IsRefusedByTheField_AndCancellingKeepsWhatWasTyped()
    {
        var (number, _) = await StagedAsync(Stage.InProgress);
        var page = await OpenAsAsync("zrzy.handler@yqby.test", number);

        page.Find("[data-action-button='PublicReply']").Click();
        Send(page);

        page.WaitForAssertion(() => Assert.Contains("请填写答复内容", Dialog(page)));
        var entries = page.FindAll("[data-testid='timeline-entry']").Count;

        page.Find("#action-text").Change("已安排现场踏勘");
        page.Find("[data-testid='action-cancel']").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("form#request-action-form")));
        page.Find("[data-action-button='PublicReply']").Click();

        page.WaitForAssertion(() => Assert.Equal("已安排现场踏勘", Typed(page)));
        Assert.Equal(entries, page.FindAll("[data-testid='timeline-entry']").Count);
        Send(page);

        page.WaitForAssertion(() => Assert.Equal("PublicReply", page.FindAll("[data-testid='timeline-entry']")[^1].GetAttribute("data-action")));
        Assert.Contains("已安排现场踏勘", page.FindAll("[data-testid='timeline-entry']")[^1].TextContent);
    }

    [Fact]
    public async Task AReturnAfterItsWindow_IsRefusedAboveTheFields_AndTheReasonAndExplanationStay()
    {
        var (number, _) = await StagedAsync(Stage.Dispatched);
        // Dispatched on Monday 2 March; the return window closes at the end of Tuesday.
        _staged.Time.Advance(TimeSpan.FromDays(2));
        var page = await OpenAsAsync("zrzy.handler@yqby.test", number);

        page.Find("[data-action-button='Return']").Click();
        Send(page);
        page.WaitForAssertion(() => Assert.Equal("请选择退单原因", page.Find("[data-testid='error-reason']").TextContent));

        page.Find("#action-reason").Change(nameof(ReturnReason.NotOurResponsibility));
        page.Find("#action-text").Change("应由住建局办理");
        Send(page);

        page.WaitForAssertion(() => Assert.Contains("退单时限已过", page.Find("[data-testid='action-refusal']").TextContent));
        Assert.Equal("应由住建局办理", Typed(page));
        Assert.Equal(nameof(ReturnReason.NotOurResponsibility), page.Find("#action-reason").GetAttribute("value"));
        Assert.Equal("已派单", State(page));
    }

    [Fact]
    public async Task ADepartmentThatReturnedARequestOnce_IsNotOfferedASecondReturn()
    {
        var (number, version) = await StagedAsync(Stage.Dispatched);
        var page = await OpenAsAsync("zrzy.handler@yqby.test", number);
        page.Find("[data-action-button='Return']").Click();
        page.Find("#action-reason").Change(nameof(ReturnReason.AnotherDepartmentShouldLead));
        Send(page);
        // Back with whoever dispatched it, the request leaves the department's scope.
        page.WaitForAssertion(() => Assert.Contains("诉求不存在或您无权查看", page.Markup));
        Assert.Equal(RequestState.Submitted, (await AsAsync("commissioner@yqby.test", (s, u) => s.GetAsync(u, number)))!.State);
        await DisposeComponentsAsync();

        _staged.Time.Advance(TimeSpan.FromMinutes(5));
        await AsAsync("commissioner@yqby.test", async (s, u) =>
        {
            await s.DispatchAsync(u, number, version + 1, _staged.Ids.Lead);
            return 0;
        });
        page = RenderRequestPage(number);

        page.WaitForAssertion(() => Assert.Equal("已派单", State(page)));
        Assert.Contains("Sign", Buttons(page));
        Assert.DoesNotContain("Return", Buttons(page));
    }

    [Fact]
    public async Task AnExtensionAskedOnTheDeadlinesLastDay_IsRefusedInTheDialog_WithTheDaysAndReasonKept()
    {
        var (number, _) = await StagedAsync(Stage.InProgress);
        var details = await AsAsync("supervisor@yqby.test", (s, u) => s.GetAsync(u, number));
        var due = details!.Deadlines.Single(d => d.Kind == DeadlineKind.Resolve && d.Status == DeadlineStatus.Open).DueAt.ToOffset(WorkCalendar.Offset);
        _staged.Time.SetUtcNow(new DateTimeOffset(due.Date.AddHours(9), WorkCalendar.Offset));
        var page = await OpenAsAsync("zrzy.handler@yqby.test", number);

        page.Find("[data-action-button='RequestExtension']").Click();
        Send(page);
        page.WaitForAssertion(() => Assert.Contains("请填写 1 至 30 之间的工作日天数", Dialog(page)));
        Assert.Contains("请填写延期理由", Dialog(page));

        page.Find("#action-days").Change("3");
        page.Find("#action-text").Change("需现场踏勘");
        Send(page);

        page.WaitForAssertion(() => Assert.Contains("延期须在办结期限的最后一个工作日之前申请", page.Find("[data-testid='action-refusal']").TextContent));
        Assert.Equal("需现场踏勘", Typed(page));
        Assert.Equal("3", page.Find("#action-days").GetAttribute("value"));
    }

    [Fact]
    public async Task ASupervisorApprovesASecondExtensionInItsDialog_ThenAThirdIsNotOffered()
    {
        var (number, version) = await StagedAsync(Stage.InProgress);
        foreach (var round in new[] { 0, 1 })
        {
            _staged.Time.Advance(TimeSpan.FromMinutes(5));
            await AsAsync("zrzy.handler@yqby.test", async (s, u) =>
            {
                await s.RequestExtensionAsync(u, number, version++, 2, "需现场踏勘");
                return 0;
            });
            if (round == 0)
            {
                _staged.Time.Advance(TimeSpan.FromMinutes(5));
                await AsAsync("supervisor@yqby.test", async (s, u) =>
                {
                    await s.ApproveExtensionAsync(u, number, version++, 2);
                    return 0;
                });
            }
        }

        var page = await OpenAsAsync("supervisor@yqby.test", number);
        page.Find("[data-action-button='ApproveExtension']").Click();
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("#action-days").GetAttribute("value")));
        Send(page);
        page.WaitForAssertion(() => Assert.Equal("ApproveExtension", page.FindAll("[data-testid='timeline-entry']")[^1].GetAttribute("data-action")));
        await DisposeComponentsAsync();

        page = await OpenAsAsync("zrzy.handler@yqby.test", number);
        Assert.Contains("AskForMaterials", Buttons(page));
        Assert.DoesNotContain("RequestExtension", Buttons(page));
    }

    [Fact]
    public async Task WhileACoHandlerHasNotReplied_ResolveIsNotOffered_AndThePageSaysWhoItWaitsFor()
    {
        var (number, _) = await StagedAsync(Stage.InProgress);

        var page = await OpenAsAsync("zrzy.handler@yqby.test", number);

        Assert.DoesNotContain("Resolve", Buttons(page));
        Assert.Equal("待协办单位答复（或经督查免除）后方可办结：发改局", page.Find("[data-testid='resolve-waits']").TextContent);
    }

    [Fact]
    public async Task TheSignShortcut_OpensTheSignDialog_OnlyWhenSigningIsAllowed()
    {
        var (number, _) = await StagedAsync(Stage.Dispatched);
        var page = await OpenAsAsync("zrzy.handler@yqby.test", number);
        var keys = page.FindComponent<Portal.Web.Components.Shortcuts.KeyboardShortcuts>();

        await page.InvokeAsync(() => keys.Instance.OnShortcut("s"));

        page.WaitForAssertion(() => Assert.Equal("签收", page.Find("[data-testid='action-dialog-title']").TextContent));
        Send(page);
        page.WaitForAssertion(() => Assert.Equal("办理中", State(page)));

        await page.InvokeAsync(() => keys.Instance.OnShortcut("s"));
        Assert.Empty(page.FindAll("form#request-action-form"));

        await page.InvokeAsync(() => keys.Instance.OnShortcut("n"));
        page.WaitForAssertion(() => Assert.Equal("内部备注", page.Find("[data-testid='action-dialog-title']").TextContent));
    }

    protected override ValueTask DisposeTestResourcesAsync() => _staged?.Portal.DisposeAsync() ?? ValueTask.CompletedTask;
}
