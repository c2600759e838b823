using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Notifications;
using Portal.Tests.Infrastructure.Requests;
using Portal.Tests.Support;
using static Portal.Tests.Infrastructure.Notifications.RequestEventNotificationTests;

namespace Portal.Tests.Infrastructure.Notifications;

/// <summary>What the e-mail says, who may turn it off, and the bell's inbox.</summary>
public class RequestEmailTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheDispatchEmail_SaysInChineseWhatHappenedTheNextDeadlineAndWhereToLook(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var number = await RequestServiceTests.SubmitAsync(portal);
        var commissioner = await portal.UserAsync(Commissioner);
        var zrzy = await RequestServiceTests.DepartmentAsync(portal, "ZRZY");
        await portal.RequestsAsync(s => s.DispatchAsync(commissioner, number, 1, zrzy));

        var email = await portal.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientAddress == "zrzy.handler@yqby.test"));

        Assert.Equal($"【有求必应】诉求 {number} 已派单至承办部门", email.Subject);
        Assert.Contains("自然资源局经办人，您好：", email.TextBody);
        Assert.Contains($"诉求“二期项目用地报批”（{number}）已派单至承办部门。", email.TextBody);
        Assert.Contains("操作人：李明", email.TextBody);
        Assert.Contains("下一个时限：签收，2026年3月3日 17:30前", email.TextBody);
        Assert.Contains($"查看详情：http://localhost:5000/requests/{number}", email.TextBody);
        Assert.Contains($"href=\"http://localhost:5000/requests/{number}\"", email.HtmlBody);
        Assert.Contains("下一个时限：签收，2026年3月3日 17:30前", email.HtmlBody);
        var enterpriseEmail = await portal.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientAddress == Enterprise && m.EventType == "Request.Dispatch"));
        // The enterprise waits on its resolution, not on the department's internal steps.
        Assert.Contains("下一个时限：办结，2026年3月16日 17:30前", enterpriseEmail.TextBody);
    }

    [Fact]
    public async Task AUserWhoChoseEnglish_GetsEnglishEmail()
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(DatabaseProvider.Sqlite);
        await using var _ = portal;
        var commissioner = await portal.UserAsync(Commissioner);
        await portal.Services.GetRequiredService<NotificationInbox>().SetLanguageAsync(commissioner.Id, "en");

        var number = await RequestServiceTests.SubmitAsync(portal);

        var email = await portal.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientAddress == Commissioner));
        Assert.Equal($"[YQBY] Request {number} was submitted and awaits dispatch", email.Subject);
        Assert.Contains("Dear 李明,", email.TextBody);
        Assert.Contains("Next deadline: Dispatch, by 2 Mar 2026, 11:00", email.TextBody);
    }

    [Fact]
    public async Task PortalOnly_StopsTheEmailButNotTheNotice_ExceptForSupervision()
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(DatabaseProvider.Sqlite);
        await using var _ = portal;
        var commissioner = await portal.UserAsync(Commissioner);
        var cadre = await portal.UserAsync(Cadre);
        var inbox = portal.Services.GetRequiredService<NotificationInbox>();
        await inbox.SaveChoicesAsync(commissioner.Id, new Dictionary<RequestAction, bool> { [RequestAction.Submit] = false, [RequestAction.Supervise] = false });

        var number = await RequestServiceTests.SubmitAsync(portal);
        time.Advance(TimeSpan.FromMinutes(5));
        await portal.RequestsAsync(s => s.SuperviseAsync(cadre, number, 1, "请今日内受理"));

        var emails = await portal.QueryAsync(db => db.OutboxMessages.Where(m => m.RecipientAddress == Commissioner).Select(m => m.EventType).ToListAsync());
        Assert.Equal(["Request.Supervise"], emails);
        var notices = await inbox.ListAsync(commissioner.Id);
        Assert.Equal([RequestAction.Supervise, RequestAction.Submit], notices.Items.Select(n => n.Action));
        var choices = await inbox.ChoicesAsync(commissioner.Id, commissioner.Role);
        Assert.False(choices.Single(c => c.Action == RequestAction.Submit).ByEmail);
        Assert.True(choices.Single(c => c.Action == RequestAction.Supervise) is { ByEmail: true, AlwaysByEmail: true });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheInbox_CountsPagesAndMarksReadOnlyTheUsersOwnNotices(DatabaseProvider provider)
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await RequestServiceTests.SubmitAsync(portal);
        }
        var commissioner = await portal.UserAsync(Commissioner);
        var cadre = await portal.UserAsync(Cadre);
        var inbox = portal.Services.GetRequiredService<NotificationInbox>();
        var published = new List<string>();
        using var subscription = portal.Services.GetRequiredService<ILiveNotifier>().Subscribe(commissioner.Id, () =>
        {
            lock (published)
            {
                published.Add(commissioner.Id);
            }
            return Task.CompletedTask;
        });

        var first = await inbox.ListAsync(commissioner.Id, pageSize: 3);
        var second = await inbox.ListAsync(commissioner.Id, first.NextAfterId, pageSize: 3);
        var cadresNotice = (await inbox.ListAsync(cadre.Id)).Items[0];

        Assert.Equal(5, await inbox.UnreadCountAsync(commissioner.Id));
        Assert.Equal((3, 2, (long?)null), (first.Items.Count, second.Items.Count, second.NextAfterId));
        Assert.False(await inbox.MarkReadAsync(commissioner.Id, cadresNotice.Id));
        Assert.True(await inbox.MarkReadAsync(commissioner.Id, first.Items[0].Id));
        Assert.Equal(4, await inbox.UnreadCountAsync(commissioner.Id));
        Assert.Equal(5, await inbox.UnreadCountAsync(cadre.Id));
        Assert.Equal(4, await inbox.MarkAllReadAsync(commissioner.Id));
        Assert.Equal(0, await inbox.UnreadCountAsync(commissioner.Id));
        Assert.Equal(2, published.Count);
    }

    [Fact]
    public async Task AnEmailThatCannotBeComposed_FailsItsRowWithTheError_AndTheRequestAndTheNoticeAreKept()
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(DatabaseProvider.Sqlite);
        await using var _ = portal;
        var commissioner = await portal.UserAsync(Commissioner);
        // A language the portal has no words for, as a hand-edited row might hold.
        await portal.QueryAsync(db => db.Users.Where(u => u.Id == commissioner.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, "xx-NOWHERE")));

        var number = await RequestServiceTests.SubmitAsync(portal);

        var row = await portal.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientAddress == Commissioner));
        Assert.Equal((OutboxState.Failed, OutboxProblem.CompositionFailed), (row.State, row.LastProblem));
        Assert.Contains("xx-NOWHERE", row.LastError);
        Assert.Contains($"http://localhost:5000/requests/{number}", row.TextBody);
        Assert.Equal(1, await portal.Services.GetRequiredService<NotificationInbox>().UnreadCountAsync(commissioner.Id));
        Assert.Equal(OutboxState.Pending, (await portal.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientAddress == Cadre))).State);
    }
}
