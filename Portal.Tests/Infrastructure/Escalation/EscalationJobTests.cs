using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Notifications;
using Portal.Tests.Support;
using static Portal.Tests.Infrastructure.Requests.RequestAuthorisationMatrixTests;

namespace Portal.Tests.Infrastructure.Escalation;

/// <summary>
/// The escalation scan with a fake clock: each level of each deadline kind fires once, tells the people
/// DESIGN.md §4 names in the portal and by e-mail, and level 3 writes the portal's 督办 on the timeline.
/// The demo request is 创普斯's (commissioner 李明, cadre 陈建国), dispatched to 自然资源局 with 发改局 co-handling.
/// </summary>
public class EscalationJobTests
{
    private const string Commissioner = "commissioner@yqby.test";
    private const string Cadre = "cadre@yqby.test";
    private const string Supervisor = "supervisor@yqby.test";
    private const string LeadHead = "zrzy.head@yqby.test";
    private const string LeadHandler = "zrzy.handler@yqby.test";
    private const string CoHead = "fgj.head@yqby.test";

    internal static async Task<StagedPortal> StagedAsync(DatabaseProvider provider, Action<IServiceCollection>? configure = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, WorkCalendar.Offset));
        var portal = await SeededPortal.CreateAsync(provider, s =>
        {
            s.AddSingleton<TimeProvider>(time);
            configure?.Invoke(s);
        }, demoData: true);
        return await StagedPortal.CreateAsync(portal, time);
    }

    internal static async Task<int> ScanAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EscalationJob>().ScanAsync(cancellationToken);
    }

    private sealed record Told(EscalationLevel Level, string[] Notified, string[] Emailed);

    /// <summary>The levels recorded for a deadline kind of the request, each with who was told in the portal and by e-mail.</summary>
    private static Task<List<Told>> LevelsAsync(SeededPortal portal, string number, DeadlineKind kind) => portal.QueryAsync(async db =>
    {
        var requestId = await db.ServiceRequests.Where(r => r.Number == number).Select(r => r.Id).SingleAsync();
        var escalations = await db.Escalations.Where(e => e.RequestId == requestId && e.Kind == kind).OrderBy(e => e.Id).ToListAsync();
        var result = new List<Told>();
        foreach (var escalation in escalations)
        {
            var notified = await (from n in db.PortalNotifications
                                  join u in db.Users on n.UserId equals u.Id
                                  where n.EscalationId == escalation.Id
                                  select u.Email!).ToListAsync();
            result.Add(new Told(escalation.Level, [.. notified.Order()], []));
        }
        return result;
    });

    private static Task<List<string>> EscalationEmailsAsync(SeededPortal portal, string number) =>
        portal.QueryAsync(db => db.OutboxMessages
            .Where(m => m.RequestNumber == number && m.EventType == RequestEmailComposer.EventType(RequestAction.Escalate))
            .Select(m => m.RecipientAddress!).ToListAsync());

    private static Task<List<RequestEvent>> SystemSupervisionsAsync(SeededPortal portal, string number) =>
        portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == number)
            .SelectMany(r => r.Timeline).Where(e => e.Action == RequestAction.Supervise && e.ActorRole == RequestLifecycle.System)
            .ToListAsync());

    private static Task<RequestDeadline> RunningAsync(SeededPortal portal, string number, DeadlineKind kind) =>
        portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == number)
            .SelectMany(r => r.Deadlines).SingleAsync(d => d.Kind == kind && d.Status == DeadlineStatus.Open));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ADispatchDeadline_CrossingEachLevel_IsRecordedAndToldOnce_WithTheSystemsSupervisionAtLevelThree(DatabaseProvider provider)
    {
        var staged = await StagedAsync(provider);
        await using var _ = staged.Portal;
        var (number, _) = await staged.StageAsync(Stage.Submitted);
        // Submitted Monday 09:01: dispatch due 11:01, 80 % used at 10:37, severely overdue after Tuesday 17:30.
        var at = new DateTimeOffset(2026, 3, 2, 10, 36, 0, WorkCalendar.Offset);
        staged.Time.SetUtcNow(at);
        Assert.Equal(0, await ScanAsync(staged.Portal.Services));

        staged.Time.SetUtcNow(at.AddMinutes(2));
        Assert.Equal(1, await ScanAsync(staged.Portal.Services));
        Assert.Equal(0, await ScanAsync(staged.Portal.Services));
        Assert.Equal([new Told(EscalationLevel.Warning, [Commissioner], [])], await LevelsAsync(staged.Portal, number!, DeadlineKind.Dispatch), TellComparer);

        staged.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 11, 2, 0, WorkCalendar.Offset));
        Assert.Equal(1, await ScanAsync(staged.Portal.Services));
        staged.Time.SetUtcNow(new DateTimeOffset(2026, 3, 3, 17, 30, 0, WorkCalendar.Offset));
        Assert.Equal(0, await ScanAsync(staged.Portal.Services));
        Assert.Empty(await SystemSupervisionsAsync(staged.Portal, number!));

        staged.Time.SetUtcNow(new DateTimeOffset(2026, 3, 3, 17, 31, 0, WorkCalendar.Offset));
        Assert.Equal(1, await ScanAsync(staged.Portal.Services));
        Assert.Equal(0, await ScanAsync(staged.Portal.Services));

        Assert.Equal(
            [
                new Told(EscalationLevel.Warning, [Commissioner], []),
                new Told(EscalationLevel.Overdue, [Commissioner, Supervisor], []),
                new Told(EscalationLevel.SeverelyOverdue, [Cadre, Commissioner, Supervisor], []),
            ],
            await LevelsAsync(staged.Portal, number!, DeadlineKind.Dispatch), TellComparer);
        Assert.Equal(
            [Cadre, Commissioner, Commissioner, Commissioner, Supervisor, Supervisor],
            (await EscalationEmailsAsync(staged.Portal, number!)).Order());
        var supervision = Assert.Single(await SystemSupervisionsAsync(staged.Portal, number!));
        Assert.Contains("受理派单", supervision.Text);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AWarningThresholdChangedByAnAdmin_ChangesTheNextScansOutcome_WithoutARestart(DatabaseProvider provider)
    {
        var staged = await StagedAsync(provider);
        await using var _ = staged.Portal;
        var (number, _) = await staged.StageAsync(Stage.Submitted);
        var admin = await staged.Portal.UserAsync("admin@yqby.test");
        var settings = staged.Portal.Services.GetRequiredService<Portal.Infrastructure.Admin.SettingsAdministration>();
        // Submitted Monday 09:01, dispatch due 11:01: at 10:01 half of the time is used, below the 80 % warning.
        staged.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 10, 1, 0, WorkCalendar.Offset));
        Assert.Equal(0, await ScanAsync(staged.Portal.Services));

        var changed = await settings.ChangeEscalationAsync(admin, new Portal.Infrastructure.Admin.EscalationSettingsInput(40, 1));

        Assert.True(changed.Succeeded);
        Assert.Equal(1, await ScanAsync(staged.Portal.Services));
        Assert.Equal([new Told(EscalationLevel.Warning, [Commissioner], [])], await LevelsAsync(staged.Portal, number!, DeadlineKind.Dispatch), TellComparer);

        // Severely overdue at once past the deadline's own day when the delay is 0: Monday 17:31 instead of Tuesday.
        Assert.True((await settings.ChangeEscalationAsync(admin, new Portal.Infrastructure.Admin.EscalationSettingsInput(40, 0))).Succeeded);
        staged.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 17, 31, 0, WorkCalendar.Offset));
        Assert.Equal(2, await ScanAsync(staged.Portal.Services));
        Assert.Equal(
            [EscalationLevel.Warning, EscalationLevel.Overdue, EscalationLevel.SeverelyOverdue],
            (await LevelsAsync(staged.Portal, number!, DeadlineKind.Dispatch)).Select(t => t.Level));
        Assert.Single(await SystemSupervisionsAsync(staged.Portal, number!));
    }

    public static TheoryData<Stage, DeadlineKind, string[], string[], string[]> Kinds() => new()
    {
        // stage, kind, level 1, level 2, level 3 (sorted e-mail addresses)
        { Stage.Dispatched, DeadlineKind.Sign, [Commissioner, LeadHandler, LeadHead], [Commissioner, Supervisor, LeadHandler, LeadHead], [Cadre, Commissioner, Supervisor, LeadHandler, LeadHead] },
        { Stage.Dispatched, DeadlineKind.CoHandlerReply, [Commissioner, CoHead], [Commissioner, CoHead, Supervisor], [Cadre, Commissioner, CoHead, Supervisor] },
        { Stage.Dispatched, DeadlineKind.FirstReply, [Commissioner, LeadHandler, LeadHead], [Commissioner, Supervisor, LeadHandler, LeadHead], [Cadre, Commissioner, Supervisor, LeadHandler, LeadHead] },
        { Stage.InProgress, DeadlineKind.Resolve, [Commissioner, LeadHandler], [Commissioner, Supervisor, LeadHandler, LeadHead], [Cadre, Commissioner, Supervisor, LeadHandler, LeadHead] },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EachDeadlineKind_CrossingEachLevel_TellsThePeopleOfThatLevel_Once(
        Stage stage, DeadlineKind kind, string[] warning, string[] overdue, string[] severe)
    {
        var staged = await StagedAsync(DatabaseProvider.Sqlite);
        await using var _ = staged.Portal;
        var (number, _) = await staged.StageAsync(stage);
        var deadline = await RunningAsync(staged.Portal, number!, kind);
        var calendar = await staged.Portal.CalendarAsync(c => c.GetCalendarAsync());
        var total = calendar.WorkingTimeBetween(deadline.StartedAt, deadline.DueAt);
        var warnAt = calendar.AddWorkingTime(deadline.StartedAt, total * 0.8).At;

        foreach (var instant in new[] { warnAt.AddMinutes(1), deadline.DueAt.AddMinutes(1), EscalationPolicy.Default.SevereAt(deadline, calendar).AddMinutes(1) })
        {
            staged.Time.SetUtcNow(instant);
            await ScanAsync(staged.Portal.Services);
            await ScanAsync(staged.Portal.Services);
        }

        var sort = StringComparer.Ordinal;
        Assert.Equal(
            [
                new Told(EscalationLevel.Warning, [.. warning.Order(sort)], []),
                new Told(EscalationLevel.Overdue, [.. overdue.Order(sort)], []),
                new Told(EscalationLevel.SeverelyOverdue, [.. severe.Order(sort)], []),
            ],
            await LevelsAsync(staged.Portal, number!, kind), TellComparer);
        Assert.Contains(await SystemSupervisionsAsync(staged.Portal, number!), e => e.Text!.Contains(DeadlineLabels.Of(kind)));
    }

    [Fact]
    public async Task AnApprovedExtension_StartsANewGeneration_ThatEscalatesAfresh()
    {
        var staged = await StagedAsync(DatabaseProvider.Sqlite);
        await using var _ = staged.Portal;
        var (number, _) = await staged.StageAsync(Stage.ExtensionRequested);
        var first = await RunningAsync(staged.Portal, number!, DeadlineKind.Resolve);
        var calendar = await staged.Portal.CalendarAsync(c => c.GetCalendarAsync());
        staged.Time.SetUtcNow(calendar.AddWorkingTime(first.StartedAt, calendar.WorkingTimeBetween(first.StartedAt, first.DueAt) * 0.85).At);
        await ScanAsync(staged.Portal.Services);
        var supervisor = await staged.Portal.UserAsync(Supervisor);
        // The other deadlines were severely overdue by then: the portal's 督办 moved the version.
        var version = (await staged.Portal.RequestsAsync(s => s.GetAsync(supervisor, number!)))!.Version;
        await staged.Portal.RequestsAsync(s => s.ApproveExtensionAsync(supervisor, number!, version, 3));

        var second = await RunningAsync(staged.Portal, number!, DeadlineKind.Resolve);
        await ScanAsync(staged.Portal.Services);
        var afterApproval = await staged.Portal.QueryAsync(db => db.Escalations.Where(e => e.Kind == DeadlineKind.Resolve)
            .Select(e => new { e.Generation, e.Level }).ToListAsync());
        staged.Time.SetUtcNow(second.DueAt.AddMinutes(1));
        await ScanAsync(staged.Portal.Services);

        // Generation 1 was the single-department target, superseded when 发改局 joined as co-handler.
        var (g, next) = (first.Generation, second.Generation);
        Assert.Equal(g + 1, next);
        Assert.Equal([(g, EscalationLevel.Warning)], afterApproval.Select(e => (e.Generation, e.Level)));
        var all = await staged.Portal.QueryAsync(db => db.Escalations.Where(e => e.Kind == DeadlineKind.Resolve)
            .OrderBy(e => e.Id).Select(e => new { e.Generation, e.Level }).ToListAsync());
        Assert.Equal(
            [(g, EscalationLevel.Warning), (next, EscalationLevel.Warning), (next, EscalationLevel.Overdue)],
            all.Select(e => (e.Generation, e.Level)));
    }

    [Fact]
    public async Task APausedResolveClock_DoesNotEscalate_HoweverLongTheEnterpriseTakes()
    {
        var staged = await StagedAsync(DatabaseProvider.Sqlite);
        await using var _ = staged.Portal;
        var (number, _) = await staged.StageAsync(Stage.AwaitingEnterprise);
        var paused = await staged.Portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == number)
            .SelectMany(r => r.Deadlines).SingleAsync(d => d.Kind == DeadlineKind.Resolve && d.Status == DeadlineStatus.Paused));

        staged.Time.SetUtcNow(paused.DueAt.AddDays(30));
        var recorded = await ScanAsync(staged.Portal.Services);

        Assert.True(recorded > 0, "the co-handler's reply is still running and overdue, so the scan did run");
        Assert.Empty(await LevelsAsync(staged.Portal, number!, DeadlineKind.Resolve));
    }

    [Fact]
    public async Task AScanKilledMidway_AndRunAgain_EscalatesTheRest_AndDoublesNothing()
    {
        using var kill = new CancellationTokenSource();
        var armed = false;
        // One batch of two requests at a time, so that exactly the first two are committed when the scan is killed
        // after the first commit (the bells ring after it).
        var staged = await StagedAsync(DatabaseProvider.Sqlite, s =>
        {
            s.Configure<EscalationOptions>(o =>
            {
                o.Parallelism = 1;
                o.RequestsPerTransaction = 2;
            });
            s.AddSingleton<ILiveNotifier>(new OnPublish(() =>
            {
                if (armed)
                {
                    kill.Cancel();
                }
            }));
        });
        await using var _ = staged.Portal;
        var numbers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            numbers.Add((await staged.StageAsync(Stage.Submitted)).Number!);
        }
        armed = true;
        staged.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 11, 30, 0, WorkCalendar.Offset));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ScanAsync(staged.Portal.Services, kill.Token));
        var escalatedBeforeRerun = await staged.Portal.QueryAsync(db => db.Escalations.Select(e => e.RequestId).Distinct().CountAsync());
        await ScanAsync(staged.Portal.Services);
        await ScanAsync(staged.Portal.Services);

        Assert.Equal(2, escalatedBeforeRerun);
        foreach (var number in numbers)
        {
            Assert.Equal(
                [new Told(EscalationLevel.Warning, [], []), new Told(EscalationLevel.Overdue, [Commissioner, Supervisor], [])],
                await LevelsAsync(staged.Portal, number, DeadlineKind.Dispatch), TellComparer);
            Assert.Equal([Commissioner, Supervisor], (await EscalationEmailsAsync(staged.Portal, number)).Order());
        }
    }

    private static readonly IEqualityComparer<Told> TellComparer = EqualityComparer<Told>.Create(
        (a, b) => a!.Level == b!.Level && a.Notified.SequenceEqual(b.Notified),
        t => t.Level.GetHashCode());

    private sealed class OnPublish(Action published) : ILiveNotifier
    {
        public void Publish(IEnumerable<string> userIds) => published();

        public IDisposable Subscribe(string userId, Func<Task> changed) => throw new NotSupportedException();
    }
}
