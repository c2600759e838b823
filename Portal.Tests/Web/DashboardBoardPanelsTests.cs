using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Identity;
using Portal.Domain.Metrics;
using Portal.Domain.Requests;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Dashboard;
using Portal.Tests.Domain.Requests;
using Portal.Tests.Support;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Dashboard.Tables;

namespace Portal.Tests.Web;

/// <summary>
/// The boards' panels clicked through with bUnit over the hand-built set of <see cref="DistrictFiguresTests"/> (now:
/// 25 March 2026, noon): 督办 from the overdue board, and the review of the disputed rating of I (YQBY-20260302-0009).
/// </summary>
public class DashboardBoardPanelsTests : ComponentTest
{
    private const string B = "YQBY-20260302-0002";
    private const string I = "YQBY-20260302-0009";

    private static readonly DashboardChoice March =
        new(ReportingPeriod.Containing(PeriodKind.Month, new DateOnly(2026, 3, 1)), FigureFilter.None);

    private SeededPortal? _portal;

    private async Task<(SeededPortal Portal, PortalUser User)> ServeAsync(string email)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(DatabaseProvider.Sqlite);
        _portal = portal;
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(DistrictFiguresTests.Now));
        Services.AddScoped(_ => portal.Services.CreateScope().ServiceProvider.GetRequiredService<DashboardBoards>());
        Services.AddScoped(_ => portal.Services.CreateScope().ServiceProvider.GetRequiredService<RequestService>());
        Services.AddScoped<OverdueTable>();
        Services.AddScoped<DisputesTable>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return (portal, await portal.UserAsync(email));
    }

    protected override async ValueTask DisposeTestResourcesAsync()
    {
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }
    }

    private static Task<List<RequestEvent>> EventsAsync(SeededPortal portal, string number, RequestAction action) => portal.QueryAsync(db =>
        db.Set<RequestEvent>().Where(e => e.Action == action
                && db.ServiceRequests.Any(r => r.Number == number && r.Id == EF.Property<long>(e, "RequestId")))
            .ToListAsync());

    private static IReadOnlyList<string> Numbers(IRenderedComponent<IComponent> panel) =>
        [.. panel.FindAll("[data-testid='table-row']").Select(row => row.QuerySelector("[data-testid='table-cell']")!.TextContent)];

    private IRenderedComponent<IComponent> RenderPanel<TPanel>(PortalUser user) where TPanel : IComponent => Render(builder =>
    {
        builder.OpenComponent<TPanel>(0);
        builder.AddAttribute(1, "User", user);
        builder.AddAttribute(2, "Choice", March);
        builder.CloseComponent();
    });

    [Fact]
    public async Task Supervise_OnAnOverdueRow_RecordsA督办OnTheRequest_AndTheRowSaysSo()
    {
        var (portal, supervisor) = await ServeAsync("supervisor@yqby.test");
        var panel = RenderPanel<OverduePanel>(supervisor);
        panel.WaitForAssertion(() => Assert.Equal([B, "YQBY-20260302-0011"], Numbers(panel)));
        Assert.Contains("15.5", panel.FindAll("[data-testid='table-row']")[0].TextContent);
        Assert.Contains("严重超期", panel.FindAll("[data-testid='table-row']")[0].TextContent);

        panel.FindAll("[data-testid='overdue-supervise']")[0].Click();

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid='overdue-supervised']")));
        var supervision = Assert.Single(await EventsAsync(portal, B, RequestAction.Supervise));
        Assert.Equal(supervisor.Id, supervision.ActorUserId);
        Assert.Equal("签收时限已超期 15.5 个工作日，请立即办理并反馈", supervision.Text);
        // The row shows when it was supervised (the last column of the table), and B keeps its place.
        var first = panel.FindAll("[data-testid='table-row']")[0];
        Assert.Contains(B, first.TextContent);
        Assert.Contains("12:00", first.QuerySelectorAll("[data-testid='table-cell']").Last().TextContent);
        Assert.Empty(panel.FindAll("[data-testid='overdue-refused']"));
    }

    [Fact]
    public async Task ACommissioner_SeesTheOverdueBoard_WithoutThe督办Button()
    {
        var (_, commissioner) = await ServeAsync("commissioner@yqby.test");
        var panel = RenderPanel<OverduePanel>(commissioner);

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid='table-row']")));
        Assert.Empty(panel.FindAll("[data-testid='overdue-supervise']"));
    }

    [Fact]
    public async Task Overturn_WithAnEmptyReason_IsRefusedWithAMessage_TheFormAndTheRequestStayingAsTheyWere()
    {
        var (portal, supervisor) = await ServeAsync("supervisor@yqby.test");
        var panel = RenderPanel<DisputesPanel>(supervisor);
        panel.WaitForAssertion(() => Assert.Equal([I], Numbers(panel)));

        panel.Find("[data-testid='disputes-overturn']").Click();
        panel.Find("[data-testid='disputes-confirm']").Click();

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.Find("[data-testid='disputes-refused']").TextContent.Trim()));
        Assert.Contains("甄别", panel.Find("[data-testid='disputes-refused']").TextContent);
        Assert.Contains("撤销评价", panel.Find("[data-testid='disputes-form']").TextContent);
        Assert.Equal([I], Numbers(panel));
        Assert.Empty(await EventsAsync(portal, I, RequestAction.ReviewDispute));
    }

    [Fact]
    public async Task Overturn_WithAReason_ClosesTheRequest_AndItLeavesTheQueue()
    {
        var (portal, supervisor) = await ServeAsync("supervisor@yqby.test");
        var panel = RenderPanel<DisputesPanel>(supervisor);
        panel.WaitForAssertion(() => Assert.Equal([I], Numbers(panel)));

        panel.Find("[data-testid='disputes-overturn']").Click();
        panel.Find("#dispute-reasoning").Change("企业诉求超出政策范围");
        panel.Find("[data-testid='disputes-confirm']").Click();

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid='table-empty']")));
        var review = Assert.Single(await EventsAsync(portal, I, RequestAction.ReviewDispute));
        Assert.Equal((false, "企业诉求超出政策范围", RequestState.Closed), (review.Upheld, review.Text, review.StateAfter));
        Assert.Empty(panel.FindAll("[data-testid='disputes-refused']"));
    }

    [Fact]
    public async Task AReview_RefusedBecauseSomeoneElseActedFirst_KeepsTheReasonTyped()
    {
        var (portal, supervisor) = await ServeAsync("supervisor@yqby.test");
        var panel = RenderPanel<DisputesPanel>(supervisor);
        panel.WaitForAssertion(() => Assert.Equal([I], Numbers(panel)));
        panel.Find("[data-testid='disputes-uphold']").Click();
        panel.Find("#dispute-reasoning").Change("评价属实");
        var version = await portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == I).Select(r => r.Version).SingleAsync());
        await portal.Services.RequestsAsync(async requests =>
        {
            await requests.InternalNoteAsync(supervisor, I, version, "已约谈企业");
            return version;
        });

        panel.Find("[data-testid='disputes-confirm']").Click();

        panel.WaitForAssertion(() => Assert.Contains("刚被他人更新", panel.Find("[data-testid='disputes-refused']").TextContent));
        Assert.Equal("评价属实", panel.Find("#dispute-reasoning").GetAttribute("value") ?? panel.Find("#dispute-reasoning").TextContent);
        Assert.Empty(await EventsAsync(portal, I, RequestAction.ReviewDispute));
    }

    [Fact]
    public async Task ACadre_SeesTheDisputesOfTheirEnterprises_WithoutTheReviewButtons()
    {
        await ServeAsync("cadre@yqby.test");
        // The cadre the requests of the set name as guarantor.
        var panel = RenderPanel<DisputesPanel>(new PortalUser(RequestBuilder.Cadre.UserId, Roles.Cadre));

        panel.WaitForAssertion(() => Assert.Equal([I], Numbers(panel)));
        Assert.NotEmpty(panel.FindAll("[data-testid='disputes-readonly']"));
        Assert.Empty(panel.FindAll("[data-testid='disputes-uphold']"));
        Assert.Empty(panel.FindAll("[data-testid='disputes-overturn']"));
    }
}
