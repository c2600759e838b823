using Hangfire;
using Hangfire.States;
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
/// Two nodes, each with its own Hangfire server on the shared PostgreSQL storage, scanning at once over the
/// same database: each level is recorded exactly once and each person told once. The scans are enqueued on
/// both nodes, more of them than one server has workers, so they overlap across the servers; what is under
/// test is the scan's own guarantee, which does not rely on Hangfire running a job on one server only.
/// </summary>
public class EscalationConcurrencyTests
{
    private const int Requests = 1000;
    private const int ScansPerNode = 3;

    [Fact]
    public async Task TwoHangfireServersScanningAtOnce_OverAThousandDueRequests_RecordEachLevelOnce_AndTellEachPersonOnce()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, WorkCalendar.Offset));
        void Configure(IServiceCollection s)
        {
            s.AddSingleton<TimeProvider>(time);
            s.Configure<EscalationOptions>(o => o.Parallelism = 4);
        }
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Postgres, Configure, demoData: true);
        await using var otherNode = portal.AnotherNode(Configure);
        await SubmitManyAsync(portal, time.GetUtcNow());
        // Every dispatch deadline (2 working hours) is overdue, none severely.
        time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 14, 0, 0, WorkCalendar.Offset));

        using var first = ServerOf(portal.Services, "node-1");
        using var second = ServerOf(otherNode, "node-2");
        var jobs = new List<string>();
        for (var i = 0; i < ScansPerNode; i++)
        {
            foreach (var node in new IServiceProvider[] { portal.Services, otherNode })
            {
                jobs.Add(node.GetRequiredService<IBackgroundJobClient>().Enqueue<EscalationJob>(job => job.ScanAsync(CancellationToken.None)));
            }
        }
        var runs = await WaitForAsync(portal.Services.GetRequiredService<JobStorage>(), jobs);

        Assert.Equal(2, runs.Select(r => r.Server.Split(':')[0]).Distinct().Count());
        Assert.Equal(Requests * 2, runs.Sum(r => r.Recorded));
        Assert.Equal(0, await EscalationJobTests.ScanAsync(otherNode));
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

    /// <summary>A Hangfire server of one node: its storage, and its jobs made by its own services.</summary>
    private static BackgroundJobServer ServerOf(IServiceProvider node, string name) => new(
        new BackgroundJobServerOptions
        {
            ServerName = name,
            WorkerCount = 2,
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
            Activator = node.GetRequiredService<JobActivator>(),
        },
        node.GetRequiredService<JobStorage>());

    private sealed record Run(string Server, int Recorded);

    /// <summary>Waits until every job succeeded; each with the server that ran it and what it returned.</summary>
    private static async Task<List<Run>> WaitForAsync(JobStorage storage, IReadOnlyList<string> jobs)
    {
        var monitoring = storage.GetMonitoringApi();
        var until = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var details = jobs.Select(monitoring.JobDetails).ToList();
            var states = details.Select(d => d.History.FirstOrDefault()?.StateName).ToList();
            Assert.DoesNotContain(FailedState.StateName, states);
            if (states.All(s => s == SucceededState.StateName))
            {
                return [.. details.Select(d => new Run(
                    d.History.First(h => h.StateName == ProcessingState.StateName).Data["ServerId"],
                    int.Parse(d.History[0].Data["Result"], System.Globalization.CultureInfo.InvariantCulture)))];
            }
            Assert.True(DateTime.UtcNow < until, $"scans still running: {string.Join(", ", states)}");
            await Task.Delay(500);
        }
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
