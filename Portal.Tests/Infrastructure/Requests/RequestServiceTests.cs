using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Requests;

public class RequestServiceTests
{
    public static async Task<string> SubmitAsync(SeededPortal portal, string email = "enterprise@yqby.test", Urgency urgency = Urgency.Normal)
    {
        var user = await portal.UserAsync(email);
        var category = await portal.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());
        return await portal.RequestsAsync(s => s.SubmitAsync(user, new SubmitRequestInput(
            user.EnterpriseId!.Value, category, urgency, RequestChannel.Portal, "二期项目用地报批", "二期项目用地报批已逾两个月，请协调。")));
    }

    public static Task<int> DepartmentAsync(SeededPortal portal, string code) =>
        portal.QueryAsync(db => db.Departments.Where(d => d.Code == code).Select(d => d.Id).SingleAsync());

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Submit_ByAnEnterprise_NumbersItForTheDayAndRoutesItToItsCommissioner(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;

        var first = await SubmitAsync(portal);
        var second = await SubmitAsync(portal, "enterprise2@yqby.test");

        Assert.Equal("YQBY-20260302-0001", first);
        Assert.Equal("YQBY-20260302-0002", second);
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var details = await portal.RequestsAsync(s => s.GetAsync(commissioner, first));
        Assert.NotNull(details);
        Assert.Equal(RequestState.Submitted, details.State);
        Assert.Equal("枣庄创普斯新能源科技有限公司", details.EnterpriseName);
        Assert.Equal("用地", details.CategoryName);
        Assert.Contains(details.Deadlines, d => d.Kind == DeadlineKind.Dispatch && d.DueAt == SeededPortal.MondayMorning.AddHours(2));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AWholeLife_ThroughTheServices_IsStoredAndReadBackAsTheDomainLeftIt(DatabaseProvider provider)
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var number = await SubmitAsync(portal);
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var handler = await portal.UserAsync("zrzy.handler@yqby.test");
        var coHandler = await portal.UserAsync("fgj.handler@yqby.test");
        var enterprise = await portal.UserAsync("enterprise@yqby.test");
        var supervisor = await portal.UserAsync("supervisor@yqby.test");

        async Task Step(Func<RequestService, int, Task> act)
        {
            time.Advance(TimeSpan.FromHours(1));
            var version = (await portal.RequestsAsync(s => s.GetAsync(supervisor, number)))!.Version;
            await portal.RequestsAsync(s => act(s, version));
        }

        await Step((s, v) => s.DispatchAsync(commissioner, number, v, handler.DepartmentId!.Value));
        await Step((s, v) => s.AddCoHandlerAsync(commissioner, number, v, coHandler.DepartmentId!.Value));
        await Step((s, v) => s.SignAsync(handler, number, v));
        await Step((s, v) => s.AskForMaterialsAsync(handler, number, v, "请补充用地红线图"));
        time.Advance(TimeSpan.FromDays(2));
        await Step((s, v) => s.SupplementAsync(enterprise, number, v, "已补充"));
        await Step((s, v) => s.CoHandlerReplyAsync(coHandler, number, v, "能耗指标已核，无异议"));
        await Step((s, v) => s.InternalNoteAsync(handler, number, v, "内部：与发改局已沟通"));
        await Step((s, v) => s.ResolveAsync(handler, number, v, "用地手续已办结"));
        await Step((s, v) => s.EvaluateAsync(enterprise, number, v, true, Satisfaction.Satisfied, "感谢"));

        var seen = await portal.RequestsAsync(s => s.GetAsync(supervisor, number));
        Assert.Equal(RequestState.Closed, seen!.State);
        Assert.Equal(10, seen.Timeline.Count);
        var enterpriseView = await portal.RequestsAsync(s => s.GetAsync(enterprise, number));
        Assert.DoesNotContain(enterpriseView!.Timeline, e => e.Action is RequestAction.InternalNote or RequestAction.CoHandlerReply or RequestAction.AddCoHandler);
        // The enterprise sees when its request is due to be resolved and how long it has to evaluate, nothing of the staff's.
        Assert.Equal([DeadlineKind.Resolve, DeadlineKind.Resolve, DeadlineKind.Evaluation], enterpriseView.Deadlines.Select(d => d.Kind));

        var stored = await portal.QueryAsync(db => db.ServiceRequests.Include(r => r.Timeline).Include(r => r.Deadlines)
            .AsSplitQuery().SingleAsync(r => r.Number == number));
        var calendar = await SeededPortal.CalendarAsync(portal.Services, c => c.GetCalendarAsync());
        var recomputed = RequestClock.Recompute(stored.Timeline, stored.Targets, calendar);
        Assert.Equal(stored.Deadlines.Count, recomputed.Count);
        Assert.All(recomputed.Zip(stored.Deadlines.OrderBy(d => d.Id)), pair => Assert.True(pair.First.SameAs(pair.Second), $"{pair.First} vs {pair.Second}"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Act_WithAStaleVersion_SaysTheRequestChangedAndChangesNothing(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var number = await SubmitAsync(portal);
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var department = await DepartmentAsync(portal, "ZRZY");
        await portal.RequestsAsync(s => s.PublicReplyAsync(commissioner, number, 1, "已收到，正在协调"));

        var refusal = await Assert.ThrowsAsync<RequestChangedException>(() => portal.RequestsAsync(s => s.DispatchAsync(commissioner, number, 1, department)));

        Assert.Equal("该诉求已被他人更新，请刷新后重试，您的输入不会丢失", refusal.Message);
        Assert.Equal(RequestState.Submitted, (await portal.RequestsAsync(s => s.GetAsync(commissioner, number)))!.State);
    }

    [Theory]
    [InlineData("", "诉求标题不能为空")]
    [InlineData("标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题标题长", "诉求标题不能超过 100 个字符")]
    public async Task Submit_WithABadTitle_IsRefusedAndStoresNothing(string title, string message)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(DatabaseProvider.Sqlite);
        await using var _ = portal;
        var user = await portal.UserAsync("enterprise@yqby.test");

        var refusal = await Assert.ThrowsAsync<DomainException>(() => portal.RequestsAsync(s => s.SubmitAsync(user,
            new SubmitRequestInput(user.EnterpriseId!.Value, 1, Urgency.Normal, RequestChannel.Portal, title, "内容"))));

        Assert.Equal(message, refusal.Message);
        Assert.Equal(0, await portal.QueryAsync(db => db.ServiceRequests.CountAsync()));
    }

    [Fact]
    public async Task Submit_ForAnUnknownCategory_IsRefused_AndForAnotherEnterprise_IsNotFound()
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(DatabaseProvider.Sqlite);
        await using var _ = portal;
        var user = await portal.UserAsync("enterprise@yqby.test");
        var other = await portal.UserAsync("enterprise2@yqby.test");

        var unknownCategory = await Assert.ThrowsAsync<DomainException>(() => portal.RequestsAsync(s => s.SubmitAsync(user,
            new SubmitRequestInput(user.EnterpriseId!.Value, 9999, Urgency.Normal, RequestChannel.Portal, "标题", "内容"))));
        var otherEnterprise = await Assert.ThrowsAsync<EnterpriseNotFoundException>(() => portal.RequestsAsync(s => s.SubmitAsync(user,
            new SubmitRequestInput(other.EnterpriseId!.Value, 1, Urgency.Normal, RequestChannel.Portal, "标题", "内容"))));

        Assert.Equal("所选诉求类别不存在", unknownCategory.Message);
        Assert.Equal(other.EnterpriseId, otherEnterprise.Id);
    }
}
