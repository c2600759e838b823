using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Escalation;

/// <summary>
/// Two nodes scanning at once over the same PostgreSQL database record each level exactly once and tell
/// each person once. The scans are called directly on two service providers (two nodes with caches of
/// their own), not through two running Hangfire servers: what is under test is the scan's own guarantee,
/// which does not rely on Hangfire running a recurring job on one server only.
/// </summary>
public class EscalationConcurrencyTests
{
    private const int Requests = 1000;

    [Fact]
    public async Task TwoNodesScanningAtOnce_OverAThousandDueRequests_RecordEachLevelOnce_AndTellEachPersonOnce()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, WorkCalendar.Offset));
        void Configure(IServiceCollection s)
        {
            s.AddSingleton<TimeProvider>(time);
            s.Configure<EscalationOptions>(o => o.BatchSize = Requests);
        }
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Postgres, Configure, demoData: true);
        await using var otherNode = portal.AnotherNode(Configure);
        await SubmitManyAsync(portal, time.GetUtcNow());
        // Every dispatch deadline (2 working hours) is overdue, none severely.
        time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 14, 0, 0, WorkCalendar.Offset));

        var scans = await Task.WhenAll(
            Task.Run(() => EscalationJobTests.ScanAsync(portal.Services)),
            Task.Run(() => EscalationJobTests.ScanAsync(otherNode)));
        var again = await EscalationJobTests.ScanAsync(otherNode);

        Assert.Equal(Requests * 2, scans.Sum());
        Assert.Equal(0, again);
        var perRequest = await portal.QueryAsync(db => db.Escalations
            .GroupBy(e => e.RequestId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(Enumerable.Repeat(2, Requests), perRequest);
        // Overdue tells the commissioner and the supervisor, each once per request, in the portal and by e-mail.
        var escalate = RequestEmailComposer.EventType(RequestAction.Escalate);
        var emails = await portal.QueryAsync(db => db.OutboxMessages.Where(m => m.EventType == escalate)
            .GroupBy(m => new { m.RequestNumber, m.RecipientAddress }).Select(g => g.Count()).ToListAsync());
        Assert.Equal(Enumerable.Repeat(1, Requests * 2), emails);
        Assert.Equal(Requests * 2, await portal.QueryAsync(db => db.PortalNotifications.CountAsync(n => n.Action == RequestAction.Escalate)));
    }

    /// <summary>A thousand requests of 创普斯 submitted at <paramref name="now"/>, made by the domain and saved in batches.</summary>
    private static async Task SubmitManyAsync(SeededPortal portal, DateTimeOffset now)
    {
        var user = await portal.UserAsync("enterprise@yqby.test");
        var calendar = await portal.CalendarAsync(c => c.GetCalendarAsync());
        var targetsSource = portal.Services.GetRequiredService<RequestTargetsSource>();
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var enterprise = await db.Enterprises.SingleAsync(e => e.Id == user.EnterpriseId);
        var category = await db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync();
        var targets = await targetsSource.ForAsync(db, category, Urgency.Normal, CancellationToken.None);
        var actor = new Actor(user.Id, user.Role, EnterpriseId: user.EnterpriseId);
        for (var i = 1; i <= Requests; i++)
        {
            db.ServiceRequests.Add(ServiceRequest.Submit(
                actor, $"YQBY-20260302-{i:D4}", enterprise.Id, RequestChannel.Portal, category, Urgency.Normal, "二期项目用地报批",
                "二期项目用地报批已逾两个月，请协调。", enterprise.CommissionerUserId, enterprise.CadreUserId, targets, calendar, now));
            if (i % 200 == 0)
            {
                await db.SaveChangesAsync();
            }
        }
    }
}
