using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Escalation;
using Portal.Tests.Infrastructure.Requests;
using Portal.Tests.Support;
using Portal.Web.Features.Home;
using Portal.Web.Features.Requests;
using Portal.Web.Features.Workspace;
using Portal.Web.Shared;
using static Portal.Tests.Infrastructure.Requests.RequestAuthorisationMatrixTests;

namespace Portal.Tests.Web;

/// <summary>
/// The workspace's lists as their users see them, over a real database on a fake clock: the enterprise card on a
/// request, the supervisors' dispatch queue and pending extensions (live), a head's undistributed count, a cadre's
/// counts opening the matching list, and a commissioner's pickers when logging on behalf.
/// </summary>
public class WorkspaceListsPageTests : ComponentTest
{
    private StagedPortal _staged = null!;

    private async Task StartAsync()
    {
        _staged = await EscalationJobTests.StagedAsync(DatabaseProvider.Sqlite);
        var services = _staged.Portal.Services;
        Services.AddScoped(_ => services.CreateScope().ServiceProvider.GetRequiredService<WorkQueue>());
        Services.AddScoped(_ => services.CreateScope().ServiceProvider.GetRequiredService<SupervisorDesk>());
        Services.AddScoped(_ => services.CreateScope().ServiceProvider.GetRequiredService<WorkCalendarService>());
        Services.AddScoped(_ => services.CreateScope().ServiceProvider.GetRequiredService<CadreOverview>());
        Services.AddSingleton<TimeProvider>(_staged.Time);
        Services.AddSingleton(services.GetRequiredService<ILiveNotifier>());
        AddRequestPageServices(services);
    }

    protected override ValueTask DisposeTestResourcesAsync() => _staged?.Portal.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task SignInAsync(string email)
    {
        SignInAs(await _staged.Portal.UserAsync(email), email);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task StaffSeeTheEnterpriseCard_WithItsPeopleAndOtherRequests_TheEnterpriseDoesNot()
    {
        await StartAsync();
        var (older, _) = await _staged.StageAsync(Stage.Submitted);
        var (number, _) = await _staged.StageAsync(Stage.Dispatched);

        await SignInAsync("commissioner@yqby.test");
        var page = Render<RequestDetailsPage>(p => p.Add(x => x.Number, number!));

        var card = page.WaitForElement("[data-testid='enterprise-card']");
        Assert.Equal("李明", card.QuerySelector("[data-testid='card-commissioner']")!.TextContent);
        Assert.Equal("陈建国", card.QuerySelector("[data-testid='card-cadre']")!.TextContent);
        Assert.Contains("刘洋", card.QuerySelector("[data-testid='card-contact']")!.TextContent);
        Assert.Equal("mailto:enterprise@yqby.test", card.QuerySelector("[data-testid='card-email']")!.GetAttribute("href"));
        var other = Assert.Single(card.QuerySelectorAll("[data-testid='card-request']"));
        Assert.Equal(older, other.GetAttribute("data-number"));
        Assert.Equal($"requests/{older}", other.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("待受理", other.TextContent);
        Assert.Equal($"requests?enterprise={_staged.Ids.Enterprise}", card.QuerySelector("[data-testid='card-all-requests']")!.GetAttribute("href"));
        Assert.Contains("2", card.QuerySelector("[data-testid='card-all-requests']")!.TextContent);
    }

    [Fact]
    public async Task TheEnterprise_SeesNoCardOnItsOwnRequest()
    {
        await StartAsync();
        var (number, _) = await _staged.StageAsync(Stage.Dispatched);

        await SignInAsync("enterprise@yqby.test");
        var page = Render<RequestDetailsPage>(p => p.Add(x => x.Number, number!));

        page.WaitForAssertion(() => Assert.Equal("二期项目用地报批", page.Find("[data-testid='request-title']").TextContent));
        Assert.Empty(page.FindAll("[data-testid='enterprise-card']"));
        Assert.DoesNotContain("陈建国", page.Markup);
    }

    [Fact]
    public async Task ASupervisor_SeesTheExtensionsToDecide_ArrivingAndLeavingLive()
    {
        await StartAsync();
        var (first, firstVersion) = await _staged.StageAsync(Stage.ExtensionRequested);
        var (second, secondVersion) = await _staged.StageAsync(Stage.InProgress);
        await SignInAsync("supervisor@yqby.test");

        var page = Render<WorkspacePage>();

        page.WaitForAssertion(() => Assert.Equal([first], page.FindAll("[data-testid='extension-row']").Select(r => r.GetAttribute("data-number"))));
        var row = page.Find("[data-testid='extension-row']");
        Assert.Equal("3 个工作日", row.QuerySelector("[data-testid='extension-days']")!.TextContent);
        Assert.Equal("需现场踏勘", row.QuerySelector("[data-testid='extension-reason']")!.TextContent);
        Assert.Contains("自然资源局经办人", row.QuerySelector("[data-testid='extension-asked-by']")!.TextContent);
        var resolveDue = await _staged.Portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == first)
            .SelectMany(r => r.Deadlines).Where(d => d.Kind == DeadlineKind.Resolve && d.Status == DeadlineStatus.Open).Select(d => d.DueAt).SingleAsync());
        Assert.Contains(Services.GetRequiredService<PortalFormat>().DateTime(resolveDue), row.QuerySelector("[data-testid='extension-deadline']")!.TextContent);
        Assert.Equal($"requests/{first}", row.QuerySelector("a")!.GetAttribute("href"));

        // Asked by the department: it arrives; decided by a supervisor elsewhere: it leaves.
        var handler = await _staged.Portal.UserAsync("zrzy.handler@yqby.test");
        await _staged.Portal.RequestsAsync(s => s.RequestExtensionAsync(handler, second!, secondVersion, 2, "等待规划审查"));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid='extension-row']").Count));
        var supervisor = await _staged.Portal.UserAsync("supervisor@yqby.test");
        await _staged.Portal.RequestsAsync(s => s.DenyExtensionAsync(supervisor, first!, firstVersion, "理由不足"));
        page.WaitForAssertion(() => Assert.Equal([second], page.FindAll("[data-testid='extension-row']").Select(r => r.GetAttribute("data-number"))));
    }

    [Fact]
    public async Task ASupervisor_SeesARequestReturnedToThemInTheDispatchQueue_Live()
    {
        await StartAsync();
        var (number, version) = await _staged.StageAsync(Stage.Submitted);
        var supervisor = await _staged.Portal.UserAsync("supervisor@yqby.test");
        await _staged.Portal.RequestsAsync(s => s.DispatchAsync(supervisor, number!, version, _staged.Ids.Lead));
        await SignInAsync("supervisor@yqby.test");

        var page = Render<WorkspacePage>();
        page.WaitForElement("[data-testid='dispatch-empty']");

        var handler = await _staged.Portal.UserAsync("zrzy.handler@yqby.test");
        await _staged.Portal.RequestsAsync(s => s.ReturnAsync(handler, number!, version + 1, ReturnReason.Duplicate, "与上周诉求重复"));

        page.WaitForAssertion(() => Assert.Equal([number], page.FindAll("[data-testid='dispatch-row']").Select(r => r.GetAttribute("data-number"))));
        Assert.Equal("true", page.Find("[data-testid='dispatch-row']").GetAttribute("data-returned"));
        Assert.Contains("自然资源局 退回（重复诉求）：与上周诉求重复", page.Find("[data-testid='dispatch-why']").TextContent);
    }

    [Fact]
    public async Task ASupervisor_SeesHowManyWaitToBeDispatched_AndLoadsThemAPageAtATime()
    {
        await StartAsync();
        var numbers = new List<string>();
        for (var i = 0; i < SupervisorDesk.PageSize + 2; i++)
        {
            numbers.Add((await _staged.StageAsync(Stage.Submitted)).Number!);
        }
        // 创普斯 loses its commissioner: its requests wait for the supervisors, the dispatch deadline due first.
        await _staged.Portal.QueryAsync(db => db.ServiceRequests.Where(r => numbers.Contains(r.Number))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.CommissionerUserId, (string?)null)));
        await SignInAsync("supervisor@yqby.test");

        var page = Render<WorkspacePage>();

        page.WaitForAssertion(() => Assert.Equal(numbers.Take(SupervisorDesk.PageSize), page.FindAll("[data-testid='dispatch-row']").Select(r => r.GetAttribute("data-number"))));
        Assert.Equal($"{numbers.Count}", page.Find("[data-testid='dispatch-count']").TextContent);
        Assert.Equal($"已显示 {SupervisorDesk.PageSize} 条，共 {numbers.Count} 条", page.Find("[data-testid='dispatch-shown']").TextContent);
        Assert.Empty(page.FindAll("[data-testid='extensions-more']"));

        page.Find("[data-testid='dispatch-more']").Click();

        page.WaitForAssertion(() => Assert.Equal(numbers, page.FindAll("[data-testid='dispatch-row']").Select(r => r.GetAttribute("data-number"))));
        Assert.Empty(page.FindAll("[data-testid='dispatch-more']"));
        Assert.Empty(page.FindAll("[data-testid='dispatch-shown']"));

        // A notice reloads the list as far as it was shown: both pages, with the one dispatched meanwhile gone.
        var supervisor = await _staged.Portal.UserAsync("supervisor@yqby.test");
        var last = numbers[^1];
        var version = await _staged.Portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == last).Select(r => r.Version).SingleAsync());
        await _staged.Portal.RequestsAsync(s => s.DispatchAsync(supervisor, last, version, _staged.Ids.Lead));
        page.WaitForAssertion(() => Assert.Equal(numbers[..^1], page.FindAll("[data-testid='dispatch-row']").Select(r => r.GetAttribute("data-number"))));
        Assert.Equal($"{numbers.Count - 1}", page.Find("[data-testid='dispatch-count']").TextContent);
    }

    [Fact]
    public async Task AHead_SeesTheUndistributedCount_OthersDoNotSeeTheSupervisorsLists()
    {
        await StartAsync();
        await _staged.StageAsync(Stage.Dispatched);
        await SignInAsync("zrzy.head@yqby.test");

        var page = Render<WorkspacePage>();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid='undistributed']").GetAttribute("data-count")));
        Assert.Contains("1 件", page.Find("[data-testid='undistributed']").TextContent);
        Assert.Equal(2, page.FindAll("[data-testid='handler']").Count);
        Assert.Empty(page.FindAll("[data-testid='dispatch-queue']"));
        Assert.Empty(page.FindAll("[data-testid='pending-extensions']"));
    }

    [Fact]
    public async Task ACadresCounts_OpenTheEnterprisesOpenRequestsAtThatLevel()
    {
        await StartAsync();
        var (late, _) = await _staged.StageAsync(Stage.Submitted);
        _staged.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 11, 30, 0, WorkCalendar.Offset));
        var (onTime, _) = await _staged.StageAsync(Stage.Submitted);
        await EscalationJobTests.ScanAsync(_staged.Portal.Services);
        var cadre = await _staged.Portal.UserAsync("cadre@yqby.test");
        await SignInAsync("cadre@yqby.test");

        var panel = Render<GuaranteedEnterprisesPanel>(p => p.Add(x => x.User, cadre));

        var chuangpusi = panel.WaitForElement("[data-enterprise='枣庄创普斯新能源科技有限公司']");
        var overdue = chuangpusi.QuerySelector("[data-count='Overdue'] a")!;
        Assert.Equal(("1", $"requests?enterprise={_staged.Ids.Enterprise}&level=Overdue"), (overdue.TextContent, overdue.GetAttribute("href")));
        Assert.Null(chuangpusi.QuerySelector("[data-count='SeverelyOverdue'] a"));

        // The link, followed: that enterprise's request at that level, which the cadre can open.
        Services.GetRequiredService<NavigationManager>().NavigateTo(overdue.GetAttribute("href")!);
        var list = Render<RequestsPage>();
        list.WaitForAssertion(() => Assert.Equal([late], list.FindAll("[data-testid='request-link']").Select(a => a.TextContent)));
        Assert.Contains("枣庄创普斯新能源科技有限公司", list.Find("[data-testid='enterprise-filter']").TextContent);
        Assert.Equal("Overdue", list.Find("[data-testid='level-filter'] [data-level]").GetAttribute("data-level"));
        Assert.DoesNotContain(onTime!, list.Markup);
        Assert.NotNull(await _staged.Portal.RequestsAsync(s => s.GetAsync(cadre, late!)));
    }
}
