using Microsoft.EntityFrameworkCore;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Requests;

/// <summary>Request lists filtered, sorted and paged by keyset, on SQLite and PostgreSQL.</summary>
public class RequestListTests
{
    private static async Task<string> SubmitAsync(SeededPortal portal, string email, string title, string category = "LAND")
    {
        var user = await portal.UserAsync(email);
        var categoryId = await portal.QueryAsync(db => db.RequestCategories.Where(c => c.Code == category).Select(c => c.Id).SingleAsync());
        return await portal.RequestsAsync(s => s.SubmitAsync(user, new SubmitRequestInput(
            user.EnterpriseId!.Value, categoryId, Urgency.Normal, RequestChannel.Portal, title, "详见标题。")));
    }

    /// <summary>Five requests of 创普斯 a minute apart (0001 … 0005), one of 丰元汇能 in between.</summary>
    private static async Task<(SeededPortal Portal, Microsoft.Extensions.Time.Testing.FakeTimeProvider Time, string[] Numbers)> FiveRequestsAsync(DatabaseProvider provider)
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(provider);
        var titles = new[] { "二期项目用地报批", "用电增容", "污水管网接入", "专项资金申报", "厂区道路破损" };
        var numbers = new List<string>();
        foreach (var (title, i) in titles.Select((t, i) => (t, i)))
        {
            numbers.Add(await SubmitAsync(portal, "enterprise@yqby.test", title));
            time.Advance(TimeSpan.FromMinutes(1));
            if (i == 2)
            {
                await SubmitAsync(portal, "enterprise2@yqby.test", "丰元汇能用电申请");
                time.Advance(TimeSpan.FromMinutes(1));
            }
        }
        return (portal, time, [.. numbers]);
    }

    private static async Task<List<RequestSummary>> AllPagesAsync(SeededPortal portal, PortalUser user, RequestListQuery query, int pageSize)
    {
        var rows = new List<RequestSummary>();
        RequestCursor? after = null;
        var pages = 0;
        do
        {
            var page = await portal.RequestsAsync(s => s.ListAsync(user, query, after, pageSize));
            Assert.True(page.Items.Count <= pageSize);
            rows.AddRange(page.Items);
            after = page.Next;
            Assert.True(++pages < 50, "paging does not end");
        }
        while (after is not null);
        return rows;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EachSort_PagesByKeyset_ThroughEveryRowOnce(DatabaseProvider provider)
    {
        var (portal, time, numbers) = await FiveRequestsAsync(provider);
        await using var _ = portal;
        var enterprise = await portal.UserAsync("enterprise@yqby.test");
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        // The second request gets a public reply, the fourth only an internal note: the enterprise sees the reply only.
        await portal.RequestsAsync(s => s.PublicReplyAsync(commissioner, numbers[1], 1, "已联系供电公司"));
        time.Advance(TimeSpan.FromMinutes(1));
        await portal.RequestsAsync(s => s.InternalNoteAsync(commissioner, numbers[3], 1, "内部：资金额度待确认"));

        var newest = await AllPagesAsync(portal, enterprise, new RequestListQuery(), pageSize: 2);
        var oldest = await AllPagesAsync(portal, enterprise, new RequestListQuery(Sort: RequestSort.Oldest), pageSize: 2);
        var updatedForEnterprise = await AllPagesAsync(portal, enterprise, new RequestListQuery(Sort: RequestSort.RecentlyUpdated), pageSize: 2);
        var updatedForStaff = await AllPagesAsync(portal, commissioner, new RequestListQuery(Sort: RequestSort.RecentlyUpdated), pageSize: 2);

        Assert.Equal(numbers.Reverse(), newest.Select(r => r.Number));
        Assert.Equal(numbers, oldest.Select(r => r.Number));
        Assert.Equal([numbers[1], numbers[4], numbers[3], numbers[2], numbers[0]], updatedForEnterprise.Select(r => r.Number));
        Assert.Equal(numbers[3], updatedForStaff[0].Number);
        Assert.Equal(numbers[1], updatedForStaff[1].Number);
        Assert.Equal(6, updatedForStaff.Count);
        Assert.Equal(updatedForStaff.Select(r => r.Number).Distinct().Count(), updatedForStaff.Count);
        var fourth = updatedForEnterprise.Single(r => r.Number == numbers[3]);
        Assert.Equal(SeededPortal.MondayMorning.AddMinutes(4), fourth.UpdatedAt);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheList_FiltersByStateAndText(DatabaseProvider provider)
    {
        var (portal, _, numbers) = await FiveRequestsAsync(provider);
        await using var _ = portal;
        var enterprise = await portal.UserAsync("enterprise@yqby.test");
        var supervisor = await portal.UserAsync("supervisor@yqby.test");
        await portal.RequestsAsync(s => s.WithdrawAsync(enterprise, numbers[2], 1, "已自行解决"));

        var withdrawn = await portal.RequestsAsync(s => s.ListAsync(enterprise, new RequestListQuery([RequestState.Withdrawn])));
        var open = await portal.RequestsAsync(s => s.ListAsync(enterprise, new RequestListQuery([RequestState.Submitted])));
        var byTitle = await portal.RequestsAsync(s => s.ListAsync(enterprise, new RequestListQuery(Text: "用电")));
        var byNumber = await portal.RequestsAsync(s => s.ListAsync(enterprise, new RequestListQuery(Text: numbers[3][^4..].Insert(0, "yqby-20260302-"))));
        var byEnterpriseForStaff = await portal.RequestsAsync(s => s.ListAsync(supervisor, new RequestListQuery(Text: "丰元")));
        var both = await portal.RequestsAsync(s => s.ListAsync(enterprise, new RequestListQuery([RequestState.Withdrawn], "用电")));
        var nothing = await portal.RequestsAsync(s => s.ListAsync(enterprise, new RequestListQuery(Text: "100%_不存在")));

        Assert.Equal([numbers[2]], withdrawn.Items.Select(r => r.Number));
        Assert.Equal(4, open.Items.Count);
        Assert.Equal([numbers[1]], byTitle.Items.Select(r => r.Number));
        Assert.Equal([numbers[3]], byNumber.Items.Select(r => r.Number));
        Assert.Equal(["丰元汇能用电申请"], byEnterpriseForStaff.Items.Select(r => r.Title));
        Assert.Empty(both.Items);
        Assert.Empty(nothing.Items);
        Assert.Null(nothing.Next);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EachLine_ShowsItsCategory_AndTheNextDeadlineThatConcernsTheReader_WithWorkingTimeLeft(DatabaseProvider provider)
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var number = await SubmitAsync(portal, "enterprise@yqby.test", "二期项目用地报批");
        var enterprise = await portal.UserAsync("enterprise@yqby.test");
        var commissioner = await portal.UserAsync("commissioner@yqby.test");

        var forEnterprise = (await portal.RequestsAsync(s => s.ListAsync(enterprise, new RequestListQuery()))).Items.Single();
        var forStaff = (await portal.RequestsAsync(s => s.ListAsync(commissioner, new RequestListQuery()))).Items.Single();
        // Wednesday 17:30 plus an hour: the dispatch (Monday 11:00) is long overdue for staff.
        time.SetUtcNow(new DateTimeOffset(2026, 3, 5, 9, 30, 0, Portal.Domain.Calendar.WorkCalendar.Offset));
        var overdue = (await portal.RequestsAsync(s => s.ListAsync(commissioner, new RequestListQuery()))).Items.Single();

        Assert.Equal(number, forEnterprise.Number);
        Assert.Equal("用地", forEnterprise.CategoryName);
        // The enterprise waits for the first reply: Wednesday 17:30, 7 + 7.5 + 7.5 working hours from Monday 09:00.
        Assert.Equal(DeadlineKind.FirstReply, forEnterprise.NextDeadline!.Kind);
        Assert.Equal(TimeSpan.FromHours(22), forEnterprise.NextDeadline.WorkingTimeLeft);
        Assert.Equal(DeadlineKind.Dispatch, forStaff.NextDeadline!.Kind);
        Assert.Equal(TimeSpan.FromHours(2), forStaff.NextDeadline.WorkingTimeLeft);
        Assert.Equal(DeadlineKind.Dispatch, overdue.NextDeadline!.Kind);
        // Monday 11:00 to Thursday 09:30: 5 h on Monday, 7.5 on Tuesday and Wednesday, 1 on Thursday.
        Assert.Equal(-TimeSpan.FromHours(21), overdue.NextDeadline.WorkingTimeLeft);
    }
}
