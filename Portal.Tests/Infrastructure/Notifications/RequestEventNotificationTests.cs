using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Requests;
using Portal.Tests.Support;
using static Portal.Tests.Infrastructure.Requests.RequestAuthorisationMatrixTests;

namespace Portal.Tests.Infrastructure.Notifications;

/// <summary>
/// Each row of docs/notifications.md: a step taken through the services from the stage where it makes
/// sense (the same stages and calls as the authorisation matrix) tells exactly these people, in the
/// portal and by e-mail through the outbox, in the same save.
/// </summary>
public class RequestEventNotificationTests(Portals portals) : IClassFixture<Portals>
{
    internal const string Enterprise = "enterprise@yqby.test";
    internal const string Commissioner = "commissioner@yqby.test";
    internal const string Cadre = "cadre@yqby.test";
    internal const string Supervisor = "supervisor@yqby.test";
    internal const string LeadHandler = "zrzy.handler@yqby.test";
    internal const string LeadHead = "zrzy.head@yqby.test";

    public static TheoryData<string, string, string[]> Rows() => new()
    {
        { "Submit", Enterprise, [Commissioner, Cadre] },
        { "Dispatch", Commissioner, [Enterprise, LeadHead, LeadHandler] },
        { "HandleDirectly", Commissioner, [Enterprise] },
        { "Sign", LeadHandler, [Enterprise, Commissioner] },
        { "Return", LeadHandler, [Commissioner] },
        { "Transfer", Commissioner, [Enterprise, "swj.head@yqby.test", "swj.handler@yqby.test"] },
        { "AddCoHandler", Commissioner, ["gdgs.head@yqby.test", "gdgs.handler@yqby.test"] },
        { "CoHandlerReply", "fgj.handler@yqby.test", [LeadHead, LeadHandler] },
        { "WaiveCoHandlerReply", Supervisor, [LeadHead, LeadHandler, "fgj.head@yqby.test", "fgj.handler@yqby.test"] },
        { "AskForMaterials", LeadHandler, [Enterprise] },
        { "Supplement", Enterprise, [LeadHandler] },
        { "PublicReply", Commissioner, [Enterprise] },
        { "InternalNote", Cadre, [LeadHandler, Commissioner] },
        { "RequestExtension", LeadHandler, [Supervisor] },
        { "ApproveExtension", Supervisor, [Enterprise, LeadHandler, Commissioner] },
        { "DenyExtension", Supervisor, [LeadHandler, Commissioner] },
        { "Resolve", LeadHandler, [Enterprise, Commissioner] },
        { "Evaluate", Enterprise, [Commissioner, LeadHandler] },
        { "RecordFollowUpEvaluation", Commissioner, [LeadHandler] },
        { "ReviewDispute", Supervisor, [Enterprise, Commissioner, LeadHandler, LeadHead] },
        { "Withdraw", Enterprise, [Commissioner] },
        { "Urge", Enterprise, [Commissioner] },
        { "Supervise", Cadre, [Commissioner] },
        { "Distribute", LeadHead, [LeadHandler] },
        { "Reassign", Supervisor, ["commissioner2@yqby.test"] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task AStep_TellsExactlyThePeopleItsRowNames_InThePortalAndByEmail(string action, string actor, string[] told)
    {
        var portal = await portals.ForAsync(DatabaseProvider.Sqlite);
        var row = RowOf(action);
        var (number, version) = await portal.StageAsync(row.Stage);
        var user = await portal.Portal.UserAsync(actor);
        var before = await portal.Portal.QueryAsync(db => db.PortalNotifications.Select(n => n.Id).DefaultIfEmpty().MaxAsync());
        var outboxBefore = await portal.Portal.QueryAsync(db => db.OutboxMessages.CountAsync());

        portal.Time.Advance(TimeSpan.FromMinutes(1));
        await portal.Portal.RequestsAsync(s => row.Call(new Cell(s, user, number ?? "", version, portal.Ids)));

        var notices = await portal.Portal.QueryAsync(db => (
            from n in db.PortalNotifications
            join u in db.Users on n.UserId equals u.Id
            where n.Id > before
            select new { u.Email, n.Action, n.RequestNumber, n.ReadAt }).ToListAsync());
        Assert.Equal(told.Order(), notices.Select(n => n.Email!).Order());
        Assert.All(notices, n => Assert.Equal((action, false), (n.Action.ToString(), n.ReadAt is not null)));
        var emails = await portal.Portal.QueryAsync(db => db.OutboxMessages.OrderBy(m => m.CreatedAt).Skip(outboxBefore).ToListAsync());
        Assert.Equal(told.Order(), emails.Select(m => m.RecipientAddress!).Order());
        Assert.All(emails, m => Assert.Equal(($"Request.{action}", notices[0].RequestNumber), (m.EventType, m.RequestNumber)));
    }

    [Fact]
    public async Task AutoClose_TellsTheEnterpriseAndItsCommissioner()
    {
        var portal = await portals.ForAsync(DatabaseProvider.Sqlite);
        var (number, _) = await portal.StageAsync(Stage.Resolved);
        portal.Time.Advance(TimeSpan.FromDays(8));
        var contexts = portal.Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var notifier = portal.Portal.Services.GetRequiredService<RequestEventNotifier>();
        var calendar = await portal.Portal.CalendarAsync(c => c.GetCalendarAsync());

        await using (var db = await contexts.CreateDbContextAsync())
        {
            var request = await db.ServiceRequests.Include(r => r.Timeline).Include(r => r.Deadlines).Include(r => r.CoHandlers)
                .AsSplitQuery().SingleAsync(r => r.Number == number);
            request.AutoClose(calendar, portal.Time.GetUtcNow());
            var sent = await notifier.AddAsync(db, request, [request.Timeline.MaxBy(e => e.Sequence)!], CancellationToken.None);
            await db.SaveChangesAsync();
            notifier.AfterCommit(sent);
        }

        var told = await portal.Portal.QueryAsync(db => (
            from n in db.PortalNotifications
            join u in db.Users on n.UserId equals u.Id
            where n.RequestNumber == number && n.Action == RequestAction.AutoClose
            select u.Email!).ToListAsync());
        Assert.Equal([Commissioner, Enterprise], told.Order());
    }

    [Fact]
    public async Task ADeactivatedPerson_IsToldNothing_TheyNoLongerSignIn()
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(DatabaseProvider.Sqlite);
        await using var _ = portal;
        await portal.QueryAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == LeadHandler)).Deactivate(time.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        var number = await RequestServiceTests.SubmitAsync(portal);
        var commissioner = await portal.UserAsync(Commissioner);
        var zrzy = await RequestServiceTests.DepartmentAsync(portal, "ZRZY");

        await portal.RequestsAsync(s => s.DispatchAsync(commissioner, number, 1, zrzy));

        var told = await portal.QueryAsync(db => (
            from n in db.PortalNotifications
            join u in db.Users on n.UserId equals u.Id
            where n.Action == RequestAction.Dispatch
            select u.Email!).ToListAsync());
        Assert.Equal([Enterprise, LeadHead], told.Order(StringComparer.Ordinal));
        Assert.Equal([Enterprise, LeadHead], (await portal.QueryAsync(db => db.OutboxMessages
            .Where(m => m.EventType == "Request.Dispatch").Select(m => m.RecipientAddress!).ToListAsync())).Order(StringComparer.Ordinal));
    }
}
