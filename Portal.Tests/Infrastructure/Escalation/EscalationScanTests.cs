using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Notifications;
using Portal.Tests.Support;
using static Portal.Tests.Infrastructure.Requests.RequestAuthorisationMatrixTests;

namespace Portal.Tests.Infrastructure.Escalation;

/// <summary>
/// How the scan goes through many requests (docs/escalation.md, "Exactly once" and "Speed"): the database picks the
/// candidates, batches of requests are escalated at once, each batch in its own transaction, in rounds; a batch that
/// fails is done again one request per transaction; none of it may miss a level or record one twice.
/// </summary>
public class EscalationScanTests
{
    private const int Requests = 40;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ParallelScansInSmallRounds_OnTwoNodesAtOnce_RecordEachLevelOnce_AndTellEachPersonOnce(DatabaseProvider provider)
    {
        static void Configure(IServiceCollection s) => s.Configure<EscalationOptions>(o =>
        {
            o.Parallelism = 4;
            o.BatchSize = 7;
            o.RequestsPerTransaction = 3;
        });
        var staged = await EscalationJobTests.StagedAsync(provider, Configure);
        await using var _ = staged.Portal;
        await using var otherNode = staged.Portal.AnotherNode(s =>
        {
            s.AddSingleton<TimeProvider>(staged.Time);
            Configure(s);
        });
        var numbers = new List<string>();
        for (var i = 0; i < Requests; i++)
        {
            numbers.Add((await staged.StageAsync(Stage.Submitted)).Number!);
        }
        // Submitted Monday 09:0x: every dispatch deadline (2 working hours) is overdue at 14:00, none severely.
        staged.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 14, 0, 0, WorkCalendar.Offset));

        var scans = await Task.WhenAll(
            EscalationJobTests.ScanAsync(staged.Portal.Services),
            EscalationJobTests.ScanAsync(otherNode),
            Task.Run(() => EscalationJobTests.ScanAsync(otherNode)));

        Assert.Equal(Requests * 2, scans.Sum());
        Assert.Equal(0, await EscalationJobTests.ScanAsync(staged.Portal.Services));
        var levels = await staged.Portal.QueryAsync(db => db.Escalations
            .GroupBy(e => e.RequestId).Select(g => new { Count = g.Count(), Overdue = g.Count(e => e.Level == EscalationLevel.Overdue) }).ToListAsync());
        Assert.Equal(Requests, levels.Count);
        Assert.All(levels, l => Assert.Equal((2, 1), (l.Count, l.Overdue)));
        // Each deadline notes the highest level recorded for it, whichever node recorded it: what the dashboard's load reads.
        var noted = (await staged.Portal.QueryAsync(db => db.Set<RequestDeadline>().Select(d => new { d.Kind, d.RecordedLevel }).ToListAsync()))
            .ToLookup(d => d.Kind == DeadlineKind.Dispatch, d => d.RecordedLevel);
        Assert.Equal(Enumerable.Repeat<EscalationLevel?>(EscalationLevel.Overdue, Requests), noted[true]);
        Assert.All(noted[false], Assert.Null);                         // first reply and resolve: not yet at a level
        // Overdue tells the commissioner and the supervisor once per request, in the portal and by e-mail.
        var escalate = RequestEmailComposer.EventType(RequestAction.Escalate);
        var emails = await staged.Portal.QueryAsync(db => db.OutboxMessages.Where(m => m.EventType == escalate)
            .GroupBy(m => new { m.RequestNumber, m.RecipientAddress }).Select(g => g.Count()).ToListAsync());
        Assert.Equal(Enumerable.Repeat(1, Requests * 2), emails);
        Assert.Equal(Requests * 2, await staged.Portal.QueryAsync(db => db.PortalNotifications.CountAsync(n => n.Action == RequestAction.Escalate)));
    }

    /// <summary>
    /// Another scan (or node) records the levels of one request of a batch after the batch read what was recorded and
    /// before it commits: the unique key refuses the batch, which rolls back whole and is done again one request per
    /// transaction; the raced request then has nothing left to record, and every other one of the batch is escalated
    /// and told once. PostgreSQL only: SQLite's single writer keeps anyone from writing inside a batch's transaction.
    /// </summary>
    [Fact]
    public async Task ABatchLosingARaceForOneRequest_IsDoneAgainOneByOne_AndTheOthersAreEscalatedOnce()
    {
        var race = new RecordFirst();
        var staged = await EscalationJobTests.StagedAsync(DatabaseProvider.Postgres, s =>
        {
            s.Configure<EscalationOptions>(o =>
            {
                o.Parallelism = 1;
                o.RequestsPerTransaction = 5;
            });
            s.AddSingleton(race);
            s.ConfigureDbContext<PostgresPortalDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<RecordFirst>()));
        });
        await using var _ = staged.Portal;
        race.Services = staged.Portal.Services;
        const int requests = 12;
        for (var i = 0; i < requests; i++)
        {
            await staged.StageAsync(Stage.Submitted);
        }
        // Submitted Monday 09:0x: every dispatch deadline is overdue at 14:00, none severely.
        staged.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 14, 0, 0, WorkCalendar.Offset));

        var recorded = await EscalationJobTests.ScanAsync(staged.Portal.Services);

        var raced = Assert.Single(race.Raced);
        Assert.Equal((requests - 1) * 2, recorded);
        Assert.Equal(0, await EscalationJobTests.ScanAsync(staged.Portal.Services));
        var levels = await staged.Portal.QueryAsync(db => db.Escalations
            .GroupBy(e => e.RequestId).Select(g => new { g.Key, Count = g.Count(), Overdue = g.Count(e => e.Level == EscalationLevel.Overdue) }).ToListAsync());
        Assert.Equal(requests, levels.Count);
        Assert.All(levels, l => Assert.Equal((2, 1), (l.Count, l.Overdue)));
        var racedNumber = await staged.Portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Id == raced).Select(r => r.Number).SingleAsync());
        var escalate = RequestEmailComposer.EventType(RequestAction.Escalate);
        var emails = await staged.Portal.QueryAsync(db => db.OutboxMessages.Where(m => m.EventType == escalate)
            .GroupBy(m => new { m.RequestNumber, m.RecipientAddress }).Select(g => new { g.Key.RequestNumber, Count = g.Count() }).ToListAsync());
        // The commissioner and the supervisor of every request but the raced one, whose levels the other scan recorded.
        Assert.Equal((requests - 1) * 2, emails.Count);
        Assert.All(emails, e => Assert.Equal(1, e.Count));
        Assert.DoesNotContain(emails, e => e.RequestNumber == racedNumber);
        Assert.Equal((requests - 1) * 2, await staged.Portal.QueryAsync(db => db.PortalNotifications.CountAsync(n => n.Action == RequestAction.Escalate)));
        Assert.Equal(0, await staged.Portal.QueryAsync(db => db.PortalNotifications.CountAsync(n => n.RequestNumber == racedNumber && n.Action == RequestAction.Escalate)));
    }

    /// <summary>
    /// A request whose escalation the database refuses (a trigger stands for any fault of one request: it fails the
    /// batch's save): its batch rolls back and is done again one request per transaction, so every other request is
    /// escalated and told once; the refused one is left for the next scan, which fails on it again and doubles nothing.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ARequestThatCannotBeEscalated_CostsTheOthersOfItsBatchNothing(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider, s => s.Configure<EscalationOptions>(o =>
        {
            o.Parallelism = 2;
            o.RequestsPerTransaction = 5;
        }));
        await using var _ = staged.Portal;
        const int requests = 12;
        var numbers = new List<string>();
        for (var i = 0; i < requests; i++)
        {
            numbers.Add((await staged.StageAsync(Stage.Submitted)).Number!);
        }
        var bad = numbers[6];
        var badId = await staged.Portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == bad).Select(r => r.Id).SingleAsync());
        var refuse = provider == DatabaseProvider.Sqlite
            ? $"CREATE TRIGGER refuse_escalation BEFORE INSERT ON Escalations WHEN NEW.RequestId = {badId} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
            : $"""
               CREATE FUNCTION refuse_escalation() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN
                 IF NEW."RequestId" = {badId} THEN RAISE EXCEPTION 'refused by the test'; END IF;
                 RETURN NEW;
               END $$;
               CREATE TRIGGER refuse_escalation BEFORE INSERT ON "Escalations" FOR EACH ROW EXECUTE FUNCTION refuse_escalation();
               """;
        await staged.Portal.QueryAsync(db => db.Database.ExecuteSqlRawAsync(refuse));
        staged.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 14, 0, 0, WorkCalendar.Offset));

        Assert.Equal((requests - 1) * 2, await EscalationJobTests.ScanAsync(staged.Portal.Services));
        Assert.Equal(0, await EscalationJobTests.ScanAsync(staged.Portal.Services));

        var levels = await staged.Portal.QueryAsync(db => db.Escalations
            .GroupBy(e => e.RequestId).Select(g => new { g.Key, Count = g.Count(), Overdue = g.Count(e => e.Level == EscalationLevel.Overdue) }).ToListAsync());
        Assert.Equal(requests - 1, levels.Count);
        Assert.DoesNotContain(levels, l => l.Key == badId);
        Assert.All(levels, l => Assert.Equal((2, 1), (l.Count, l.Overdue)));
        var escalate = RequestEmailComposer.EventType(RequestAction.Escalate);
        var emails = await staged.Portal.QueryAsync(db => db.OutboxMessages.Where(m => m.EventType == escalate)
            .GroupBy(m => new { m.RequestNumber, m.RecipientAddress }).Select(g => new { g.Key.RequestNumber, Count = g.Count() }).ToListAsync());
        Assert.Equal((requests - 1) * 2, emails.Count);
        Assert.All(emails, e => Assert.Equal(1, e.Count));
        Assert.DoesNotContain(emails, e => e.RequestNumber == bad);
        Assert.Equal(0, await staged.Portal.QueryAsync(db => db.PortalNotifications.CountAsync(n => n.RequestNumber == bad && n.Action == RequestAction.Escalate)));
        Assert.Equal((requests - 1) * 2, await staged.Portal.QueryAsync(db => db.PortalNotifications.CountAsync(n => n.Action == RequestAction.Escalate)));
    }

    /// <summary>
    /// Each deadline kind, walked hour by hour through its warning, its due time and its severe point, with levels
    /// recorded as it goes: at every instant the requests the database's preselection yields are exactly those the
    /// whole rule finds over every running deadline and every recorded level, read into memory as the scan once did.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheDatabasesPreselection_MissesNoDeadlineReachingAWarning_AnOverdue_OrASevereLevel(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        // Every kind: dispatch (submitted), sign, first reply and a co-handler's reply (dispatched), resolve (in progress),
        // a paused resolve (awaiting the enterprise), and a later start to stagger them.
        foreach (var stage in new[] { Stage.Submitted, Stage.Dispatched, Stage.InProgress, Stage.AwaitingEnterprise })
        {
            await staged.StageAsync(stage);
        }
        staged.Time.Advance(TimeSpan.FromMinutes(95));
        foreach (var stage in new[] { Stage.Submitted, Stage.Dispatched, Stage.InProgress })
        {
            await staged.StageAsync(stage);
        }
        var start = staged.Time.GetUtcNow();
        var levelsSeen = new HashSet<EscalationLevel>();
        for (var at = start; at < start.AddDays(24); at = at.AddMinutes(at.Hour is >= 8 and < 19 ? 70 : 300))
        {
            staged.Time.SetUtcNow(at);
            var expected = await EveryLevelInMemoryAsync(staged.Portal, at);
            List<long> preselected;
            await using (var scope = staged.Portal.Services.CreateAsyncScope())
            {
                preselected = await scope.ServiceProvider.GetRequiredService<EscalationJob>().DueRequestsAsync(at, CancellationToken.None);
            }
            Assert.True(expected.SequenceEqual(preselected), $"at {at:yyyy-MM-dd HH:mm}: expected [{string.Join(", ", expected)}], preselected [{string.Join(", ", preselected)}]");
            await EscalationJobTests.ScanAsync(staged.Portal.Services);
            levelsSeen.UnionWith(await staged.Portal.QueryAsync(db => db.Escalations.Select(e => e.Level).Distinct().ToListAsync()));
        }
        // The walk went through every level of every kind, and left nothing to record.
        Assert.Equal([EscalationLevel.Warning, EscalationLevel.Overdue, EscalationLevel.SeverelyOverdue], levelsSeen.Order());
        var kinds = await staged.Portal.QueryAsync(db => db.Escalations.Where(e => e.Level == EscalationLevel.SeverelyOverdue)
            .Select(e => e.Kind).Distinct().ToListAsync());
        Assert.Equal([DeadlineKind.Dispatch, DeadlineKind.Sign, DeadlineKind.FirstReply, DeadlineKind.Resolve, DeadlineKind.CoHandlerReply], kinds.Order());
        Assert.Empty(await EveryLevelInMemoryAsync(staged.Portal, staged.Time.GetUtcNow()));
    }

    [Fact]
    public async Task AScanStartedWhileAnotherRunsOnTheSameNode_DoesNothing_AndTheRunningOneDoesItAll()
    {
        IServiceProvider? services = null;
        var during = new List<int>();
        var staged = await EscalationJobTests.StagedAsync(DatabaseProvider.Sqlite, s =>
        {
            s.Configure<EscalationOptions>(o => o.Parallelism = 1);
            s.AddSingleton<ILiveNotifier>(new OnPublish(() =>
            {
                if (during.Count == 0)
                {
                    // A tick's scan while this node's scan is at work.
                    during.Add(EscalationJobTests.ScanAsync(services!).GetAwaiter().GetResult());
                }
            }));
        });
        await using var _ = staged.Portal;
        services = staged.Portal.Services;
        for (var i = 0; i < 3; i++)
        {
            await staged.StageAsync(Stage.Submitted);
        }
        staged.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 14, 0, 0, WorkCalendar.Offset));

        Assert.Equal(6, await EscalationJobTests.ScanAsync(services));
        Assert.Equal([0], during);
        Assert.Equal(0, await EscalationJobTests.ScanAsync(services));
    }

    /// <summary>The requests with a level to record, found as the scan did before the database preselected: every running deadline and every level read into memory.</summary>
    private static async Task<List<long>> EveryLevelInMemoryAsync(SeededPortal portal, DateTimeOffset now)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var policy = await scope.ServiceProvider.GetRequiredService<EscalationSettingsService>().PolicyAsync(CancellationToken.None);
        var calendar = await scope.ServiceProvider.GetRequiredService<WorkCalendarService>().GetCalendarAsync();
        return await portal.QueryAsync(async db =>
        {
            var running = await db.Set<RequestDeadline>().AsNoTracking()
                .Select(d => new { RequestId = EF.Property<long>(d, "RequestId"), Deadline = d }).ToListAsync();
            var recorded = (await db.Escalations.AsNoTracking().ToListAsync())
                .GroupBy(e => (e.RequestId, e.Kind, e.PartyDepartmentId, e.Generation))
                .ToDictionary(g => g.Key, g => g.Max(e => e.Level));
            return running
                .Where(r => policy.LevelOf(r.Deadline, calendar, now)
                    > recorded.GetValueOrDefault((r.RequestId, r.Deadline.Kind, r.Deadline.PartyDepartmentId, r.Deadline.Generation)))
                .Select(r => r.RequestId).Distinct().Order().ToList();
        });
    }

    /// <summary>
    /// Stands for another scan: when a batch of several requests is about to be saved the first time, records the levels
    /// of the last of them (warning and overdue of its running dispatch deadline) in a transaction of its own.
    /// </summary>
    private sealed class RecordFirst : SaveChangesInterceptor
    {
        private int _fired;

        public IServiceProvider? Services { get; set; }

        public List<long> Raced { get; } = [];

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var batch = eventData.Context!.ChangeTracker.Entries<RequestEscalation>()
                .Where(e => e.State == EntityState.Added).Select(e => e.Entity.RequestId).Distinct().ToList();
            if (batch.Count > 1 && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                var requestId = batch.Max();
                Raced.Add(requestId);
                await using var other = await Services!.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
                var deadline = await other.Set<RequestDeadline>().SingleAsync(
                    d => EF.Property<long>(d, "RequestId") == requestId && d.Kind == DeadlineKind.Dispatch && d.Status == DeadlineStatus.Open, cancellationToken);
                var now = DateTimeOffset.UtcNow;
                other.Escalations.AddRange(
                    new RequestEscalation(requestId, deadline, EscalationLevel.Warning, now),
                    new RequestEscalation(requestId, deadline, EscalationLevel.Overdue, now));
                await other.SaveChangesAsync(cancellationToken);
            }
            return result;
        }
    }

    private sealed class OnPublish(Action published) : ILiveNotifier
    {
        public void Publish(IEnumerable<string> userIds) => published();

        public IDisposable Subscribe(string userId, Func<Task> changed) => throw new NotSupportedException();
    }
}
