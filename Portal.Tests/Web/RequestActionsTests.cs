using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Requests;
using Portal.Tests.Support;
using Portal.Web.Features.Requests;
using Stage = Portal.Tests.Infrastructure.Requests.RequestAuthorisationMatrixTests.Stage;

namespace Portal.Tests.Web;

/// <summary>
/// The enterprise's actions on its request's page, rendered live (interactive) over a real database with the real
/// services: which buttons each state offers, what each form refuses, and what a change by someone else does.
/// </summary>
public class RequestActionsTests : ComponentTest
{
    private RequestAuthorisationMatrixTests.StagedPortal _staged = null!;

    private SeededPortal Portal => _staged.Portal;

    /// <summary>A request of 创普斯 brought to <paramref name="stage"/> through the services; the page's live feed is the portal's unless given.</summary>
    private async Task<(string Number, int Version)> StagedAsync(Stage stage, IRequestChanges? changes = null)
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(DatabaseProvider.Sqlite);
        _staged = await RequestAuthorisationMatrixTests.StagedPortal.CreateAsync(portal, time);
        var (number, version) = await _staged.StageAsync(stage);
        AddRequestPageServices(portal.Services, changes);
        return (number!, version);
    }

    private async Task<IRenderedComponent<IComponent>> OpenAsAsync(string email, string number)
    {
        var user = await Portal.UserAsync(email);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id) };
        if (user.EnterpriseId is { } enterprise)
        {
            claims.Add(new(PortalClaims.EnterpriseId, enterprise.ToString(CultureInfo.InvariantCulture)));
        }
        if (user.DepartmentId is { } department)
        {
            claims.Add(new(PortalClaims.DepartmentId, department.ToString(CultureInfo.InvariantCulture)));
        }
        AddAuthorization().SetAuthorized(email).SetRoles(user.Role).SetClaims([.. claims]);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var page = RenderRequestPage(number);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='request-state']")));
        return page;
    }

    private static string[] Buttons(IRenderedComponent<IComponent> page) =>
        [.. page.FindAll("[data-action-button]").Select(b => b.GetAttribute("data-action-button")!)];

    private static string State(IRenderedComponent<IComponent> page) => page.Find("[data-testid='request-state']").TextContent.Trim();

    private static void Choose(IRenderedComponent<IComponent> page, string choice) =>
        page.Find($"[data-choice='{choice}'] input[type='radio'], input[type='radio'][data-choice='{choice}']").Click();

    private static void Type(IRenderedComponent<IComponent> page, string text) => page.Find("#action-text").Change(text);

    private static void Send(IRenderedComponent<IComponent> page) => page.Find("form#request-action-form").Submit();

    public static TheoryData<Stage, string, string[]> ButtonsByState => new()
    {
        { Stage.Submitted, "待受理", ["Withdraw", "Urge"] },
        { Stage.Dispatched, "已派单", ["Withdraw", "Urge"] },
        { Stage.InProgress, "办理中", ["Withdraw", "Urge"] },
        { Stage.AwaitingEnterprise, "待补充", ["Supplement", "Withdraw", "Urge"] },
        { Stage.Resolved, "已答复", ["Evaluate"] },
        { Stage.UnderReview, "待甄别", [] },
    };

    [Theory]
    [MemberData(nameof(ButtonsByState))]
    public async Task TheEnterprise_SeesExactlyTheActionsItsStateAllows(Stage stage, string state, string[] expected)
    {
        var (number, _) = await StagedAsync(stage);

        var page = await OpenAsAsync("enterprise@yqby.test", number);

        Assert.Equal(state, State(page));
        Assert.Equal(expected, Buttons(page));
        Assert.Equal(expected.Length > 0, page.FindAll("[data-testid='request-actions']").Count == 1);
    }

    [Fact]
    public async Task Staff_AreNotOfferedTheEnterprisesActions()
    {
        var (number, _) = await StagedAsync(Stage.AwaitingEnterprise);

        var page = await OpenAsAsync("commissioner@yqby.test", number);

        Assert.Equal("待补充", State(page));
        Assert.Equal(["PublicReply", "InternalNote"], Buttons(page));
    }

    [Fact]
    public async Task EvaluatingUnsolvedAndUnsatisfied_ReopensTheRequest_AndTheEvaluationIsOnTheTimeline()
    {
        var (number, _) = await StagedAsync(Stage.Resolved);
        var page = await OpenAsAsync("enterprise@yqby.test", number);

        page.Find("[data-action-button='Evaluate']").Click();
        Choose(page, "unsolved");
        Choose(page, "Unsatisfied");
        Type(page, "用地指标仍未落实，请继续协调。");
        Send(page);

        page.WaitForAssertion(() => Assert.Equal("办理中", State(page)));
        Assert.Equal(["Withdraw", "Urge"], Buttons(page));
        Assert.Contains("感谢您的评价。", page.Find("[data-testid='action-result']").TextContent);
        var evaluation = page.FindAll("[data-testid='timeline-entry']")[^1];
        Assert.Equal("Evaluate", evaluation.GetAttribute("data-action"));
        Assert.Contains("用地指标仍未落实，请继续协调。", evaluation.TextContent);
        var stored = await Portal.RequestsAsync(async s => await s.GetAsync(await Portal.UserAsync("supervisor@yqby.test"), number));
        Assert.Equal(RequestState.InProgress, stored!.State);
        Assert.Equal(1, stored.ReopenCount);
    }

    [Fact]
    public async Task EvaluatingWithoutAnswers_OrUnsatisfiedWithoutAComment_OrTooLong_SaysSoByTheField_AndKeepsWhatWasEntered()
    {
        var (number, version) = await StagedAsync(Stage.Resolved);
        var page = await OpenAsAsync("enterprise@yqby.test", number);
        page.Find("[data-action-button='Evaluate']").Click();

        Send(page);

        page.WaitForAssertion(() => Assert.Equal("请选择问题是否解决", page.Find("[data-testid='error-solved']").TextContent));
        Assert.Equal("请选择满意程度", page.Find("[data-testid='error-satisfaction']").TextContent);

        Choose(page, "solved");
        Choose(page, "Unsatisfied");
        Send(page);

        page.WaitForAssertion(() => Assert.Contains("未解决或不满意时，请说明原因", page.Find("[data-form='Evaluate']").TextContent));
        Assert.Empty(page.FindAll("[data-testid='error-solved']"));
        Assert.True(page.Find("[data-choice='Unsatisfied'] input[type='radio'], input[type='radio'][data-choice='Unsatisfied']").HasAttribute("checked"));

        var tooLong = new string('地', RequestEvent.TextMaxLength + 1);
        Type(page, tooLong);
        Send(page);

        page.WaitForAssertion(() => Assert.Contains($"不能超过 {RequestEvent.TextMaxLength} 个字符（当前 {RequestEvent.TextMaxLength + 1} 个）", page.Find("[data-form='Evaluate']").TextContent));
        Assert.Equal(tooLong, page.Find("#action-text").GetAttribute("value") ?? page.Find("#action-text").TextContent);
        Assert.Equal("已答复", State(page));
        var stored = await Portal.RequestsAsync(async s => await s.GetAsync(await Portal.UserAsync("enterprise@yqby.test"), number));
        Assert.Equal(version, stored!.Version);
    }

    [Fact]
    public async Task SupplementingWithoutText_IsRefusedByTheField_ThenSupplementingResumesTheRequest()
    {
        var (number, _) = await StagedAsync(Stage.AwaitingEnterprise);
        var page = await OpenAsAsync("enterprise@yqby.test", number);
        page.Find("[data-action-button='Supplement']").Click();

        Send(page);

        page.WaitForAssertion(() => Assert.Contains("请填写补充说明", page.Find("[data-form='Supplement']").TextContent));

        Type(page, "已补充用地红线图，见附件。");
        Send(page);

        page.WaitForAssertion(() => Assert.Equal("办理中", State(page)));
        Assert.Contains("已补充用地红线图，见附件。", page.FindAll("[data-testid='timeline-entry']")[^1].TextContent);
    }

    [Fact]
    public async Task WithdrawingAndUrging_AreRecorded_AndAWithdrawnRequestOffersNothing()
    {
        var (number, _) = await StagedAsync(Stage.Dispatched);
        var page = await OpenAsAsync("enterprise@yqby.test", number);

        page.Find("[data-action-button='Urge']").Click();
        Send(page);
        page.WaitForAssertion(() => Assert.Equal("Urge", page.FindAll("[data-testid='timeline-entry']")[^1].GetAttribute("data-action")));

        page.Find("[data-action-button='Withdraw']").Click();
        Type(page, "已自行解决");
        Send(page);

        page.WaitForAssertion(() => Assert.Equal("已撤回", State(page)));
        Assert.Empty(Buttons(page));
    }

    [Fact]
    public async Task ALostRace_SaysTheRequestChanged_ReloadsIt_AndKeepsWhatWasTyped()
    {
        // The page listens to a feed of its own, as on another web node: it does not hear of the colleague's urge.
        var (number, version) = await StagedAsync(Stage.AwaitingEnterprise, new InProcessRequestChanges(NullLogger<InProcessRequestChanges>.Instance));
        var page = await OpenAsAsync("enterprise@yqby.test", number);
        page.Find("[data-action-button='Supplement']").Click();
        Type(page, "已补充用地红线图。");

        _staged.Time.Advance(TimeSpan.FromMinutes(5));
        await Portal.RequestsAsync(async s => await s.UrgeAsync(await Portal.UserAsync("enterprise@yqby.test"), number, version, "请尽快办理"));
        Send(page);

        page.WaitForAssertion(() => Assert.Contains("该诉求刚被他人更新", page.Find("[data-testid='action-result']").TextContent));
        Assert.Equal("Urge", page.FindAll("[data-testid='timeline-entry']")[^1].GetAttribute("data-action"));
        Assert.Equal("已补充用地红线图。", page.Find("#action-text").GetAttribute("value") ?? page.Find("#action-text").TextContent);

        Send(page);

        page.WaitForAssertion(() => Assert.Equal("办理中", State(page)));
    }

    [Fact]
    public async Task WhileThePageIsOpen_TheHandlersResolutionAppearsLive_WithTheEvaluateAction()
    {
        var (number, version) = await StagedAsync(Stage.CoHandlerReplied);
        var page = await OpenAsAsync("enterprise@yqby.test", number);
        Assert.Equal("办理中", State(page));
        var entries = page.FindAll("[data-testid='timeline-entry']").Count;

        _staged.Time.Advance(TimeSpan.FromMinutes(5));
        await Portal.RequestsAsync(async s => await s.ResolveAsync(await Portal.UserAsync("zrzy.handler@yqby.test"), number, version, "用地指标已落实，请查收批复。"));

        page.WaitForAssertion(() => Assert.Equal("已答复", State(page)));
        Assert.Equal(entries + 1, page.FindAll("[data-testid='timeline-entry']").Count);
        Assert.Contains("用地指标已落实，请查收批复。", page.FindAll("[data-testid='timeline-entry']")[^1].TextContent);
        Assert.Equal(["Evaluate"], Buttons(page));
        Assert.Contains("办结答复", page.Find("[data-testid='request-live']").TextContent);
    }

    [Fact]
    public async Task WhileThePageIsOpen_AnInternalNoteReloadsIt_ButTheEnterpriseNeverSeesTheNote()
    {
        var (number, version) = await StagedAsync(Stage.InProgress);
        var page = await OpenAsAsync("enterprise@yqby.test", number);
        var before = page.FindAll("[data-testid='timeline-entry']").Count;

        _staged.Time.Advance(TimeSpan.FromMinutes(5));
        await Portal.RequestsAsync(async s => await s.InternalNoteAsync(await Portal.UserAsync("zrzy.handler@yqby.test"), number, version, "企业材料存疑，内部核实"));
        _staged.Time.Advance(TimeSpan.FromMinutes(5));
        await Portal.RequestsAsync(async s => await s.PublicReplyAsync(await Portal.UserAsync("zrzy.handler@yqby.test"), number, version + 1, "正在现场踏勘"));

        page.WaitForAssertion(() => Assert.Equal(before + 1, page.FindAll("[data-testid='timeline-entry']").Count));
        Assert.Equal("PublicReply", page.FindAll("[data-testid='timeline-entry']")[^1].GetAttribute("data-action"));
        Assert.DoesNotContain("企业材料存疑", page.Markup);
    }

    protected override ValueTask DisposeTestResourcesAsync() => _staged?.Portal.DisposeAsync() ?? ValueTask.CompletedTask;
}
