using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Bench.Generate;
using Portal.Domain.Identity;
using Portal.Domain.Organisation;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Bench;

/// <summary>
/// bench/generate into a fresh test PostgreSQL database, once for the class (a small N): what it wrote obeys the
/// portal's own rules, and the portal's services read it. No timings here: those belong to bench/run.
/// </summary>
public class GeneratorTests(GeneratorTests.Generated generated) : IClassFixture<GeneratorTests.Generated>
{
    private static readonly DateTimeOffset Until = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] OpenStates = [nameof(RequestState.Submitted), nameof(RequestState.Dispatched), nameof(RequestState.InProgress), nameof(RequestState.AwaitingEnterprise)];

    public sealed class Generated : IAsyncLifetime
    {
        public const int Requests = 2000;
        public const int Enterprises = 1000;

        public TestDatabase Database { get; private set; } = null!;
        public ServiceProvider Services { get; private set; } = null!;
        public GenerationSummary Summary { get; private set; } = null!;
        public string Progress { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
            var progress = new StringWriter();
            Summary = await new BenchGenerator(Options(Database, Requests, Enterprises), progress).RunAsync();
            Progress = progress.ToString();
            Services = InfrastructureServices.Create(Database);
        }

        public async Task DisposeAsync()
        {
            await Services.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    private static GeneratorOptions Options(TestDatabase database, int requests, int enterprises, bool append = false) => new()
    {
        ConnectionString = database.ConnectionString,
        Requests = requests,
        Enterprises = enterprises,
        Seed = 7,
        Until = Until,
        Append = append,
    };

    [Fact]
    public async Task Generate_WritesTheAskedCounts_WithValidCreditCodes_AndThreeHundredStaff()
    {
        var (requests, enterprises, codes, staff, enterpriseUsers, notices) = await generated.Services.QueryAsync(async db => (
            await db.ServiceRequests.CountAsync(),
            await db.Enterprises.CountAsync(),
            await db.Enterprises.Select(e => e.CreditCode).ToListAsync(),
            await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).CountAsync(n => n != Roles.Enterprise),
            await db.Users.CountAsync(u => u.EnterpriseId != null),
            await db.PortalNotifications.CountAsync()));

        Assert.Equal(Generated.Requests, requests);
        Assert.Equal(Generated.Requests, generated.Summary.Requests);
        Assert.Equal(Generated.Enterprises, enterprises);
        Assert.All(codes, code => Assert.True(UnifiedSocialCreditCode.IsValid(code.Value), $"{code.Value} is not a valid credit code"));
        Assert.Equal(Generated.Enterprises, codes.Select(c => c.Value).Distinct().Count());
        Assert.Equal(300, staff);
        Assert.Equal(Generated.Enterprises, enterpriseUsers);
        Assert.Equal(generated.Summary.Notices, notices);
        Assert.True(notices > 0, "no notices were written");
        Assert.Contains("requests", generated.Progress);
    }

    [Fact]
    public async Task Generate_LeavesAShareOpen_SomeOverdue_AndTheQueueCommissionersQueueNotEmpty()
    {
        var (open, overdue, queueOpen, states, numbers) = await generated.Services.QueryAsync(async db =>
        {
            var commissioner = await db.Users.Where(u => u.Email == Cast.QueueCommissionerEmail).Select(u => u.Id).SingleAsync();
            var openRequests = db.ServiceRequests.Where(r => r.State == RequestState.Submitted || r.State == RequestState.Dispatched
                || r.State == RequestState.InProgress || r.State == RequestState.AwaitingEnterprise);
            return (
                await openRequests.CountAsync(),
                await openRequests.CountAsync(r => r.Deadlines.Any(d => d.Status == DeadlineStatus.Open && d.DueAt < Until)),
                await openRequests.CountAsync(r => r.CommissionerUserId == commissioner),
                await db.ServiceRequests.Select(r => r.State).Distinct().ToListAsync(),
                await db.ServiceRequests.Select(r => r.Number).ToListAsync());
        });

        // The default million must leave 50,000 open: the same share of any N.
        Assert.True(open >= Generated.Requests * 5 / 100, $"{open} of {Generated.Requests} open");
        Assert.Equal(generated.Summary.Open, open);
        Assert.True(overdue > 0 && overdue < open, $"{overdue} of {open} open requests overdue");
        Assert.True(queueOpen > 0, "the queue commissioner has no open request");
        Assert.Equal(generated.Summary.QueueCommissionerOpen, queueOpen);
        Assert.Contains(RequestState.Closed, states);
        Assert.Contains(RequestState.Withdrawn, states);
        Assert.Contains(RequestState.Resolved, states);
        Assert.All(numbers, n => Assert.Matches(@"^YQBY-\d{8}-\d{4,}$", n));
    }

    [Fact]
    public async Task Generate_RecordsEveryEscalationLevel_TheScanWouldHaveRecordedByTheEnd()
    {
        await using var scope = generated.Services.CreateAsyncScope();
        var due = await scope.ServiceProvider.GetRequiredService<EscalationJob>().DueRequestsAsync(Until, CancellationToken.None);
        var levels = await generated.Services.QueryAsync(db => db.Escalations.GroupBy(e => e.Level).Select(g => g.Key).ToListAsync());

        // The scan, run at the end of the generated years, finds nothing left to record: a portal that ran all along.
        Assert.Empty(due);
        Assert.Contains(EscalationLevel.SeverelyOverdue, levels);
        Assert.Contains(EscalationLevel.Warning, levels);
    }

    [Fact]
    public async Task Generate_LeavesNoResolvedRequest_WhoseEvaluationWindowRanOutAnHourBeforeTheEnd()
    {
        // The auto-close job runs every minute: a backlog stalls people, not the job.
        var lapsedAnHourAgo = Until.AddHours(-1);
        var (lapsed, awaiting) = await generated.Services.QueryAsync(async db =>
        {
            var resolved = db.ServiceRequests.Where(r => r.State == RequestState.Resolved);
            return (
                await resolved.CountAsync(r => r.Deadlines.Any(d => d.Kind == DeadlineKind.Evaluation && d.Status == DeadlineStatus.Open
                    && d.DueAt < lapsedAnHourAgo)),
                await resolved.CountAsync());
        });

        Assert.Equal(0, lapsed);
        Assert.True(awaiting > 0, "no resolved request awaits its evaluation at the end");
    }

    [Fact]
    public async Task Generate_StoresDeadlinesThatEqualTheirRecomputationFromTheStoredTimeline()
    {
        var calendar = await SeededPortal.CalendarAsync(generated.Services, c => c.GetCalendarAsync());
        var requests = await generated.Services.QueryAsync(db => db.ServiceRequests.AsNoTracking()
            .Include(r => r.Timeline).Include(r => r.Deadlines).Include(r => r.CoHandlers).AsSplitQuery().ToListAsync());

        Assert.Equal(Generated.Requests, requests.Count);
        foreach (var request in requests)
        {
            var recomputed = RequestClock.Recompute(request.Timeline.OrderBy(e => e.Sequence).ToList(), request.Targets, calendar);
            var stored = request.Deadlines.OrderBy(d => d.Id).ToList();
            Assert.True(recomputed.Count == stored.Count, $"{request.Number}: {recomputed.Count} recomputed, {stored.Count} stored");
            for (var i = 0; i < recomputed.Count; i++)
            {
                Assert.True(recomputed[i].SameAs(stored[i]), $"{request.Number}: recomputed {recomputed[i]} but stored {stored[i]}");
            }
            Assert.Equal(request.Timeline.Count, request.Version);
            Assert.Equal(request.State, request.Timeline.MaxBy(e => e.Sequence)!.StateAfter);
            // The queue's order, copied with the rest: the running deadline due first.
            Assert.Equal(stored.Where(d => d.Status == DeadlineStatus.Open && d.Kind != DeadlineKind.Evaluation).Min(d => (DateTimeOffset?)d.DueAt), request.NextDueAt);
        }
        Assert.Contains(requests, r => r.NextDueAt is not null);
        // Histories reach the rarer steps too.
        var actions = requests.SelectMany(r => r.Timeline).Select(e => e.Action).ToHashSet();
        foreach (var action in new[] { RequestAction.Return, RequestAction.AddCoHandler, RequestAction.AskForMaterials, RequestAction.Supplement,
                     RequestAction.ApproveExtension, RequestAction.Evaluate, RequestAction.AutoClose, RequestAction.Urge, RequestAction.HandleDirectly })
        {
            Assert.Contains(action, actions);
        }
        Assert.Contains(requests, r => r.ReopenCount > 0);
        Assert.Contains(requests, r => r.CoHandlers.Count > 0);
    }

    [Fact]
    public async Task Generate_IsReadByThePortalsOwnListsAndQueue()
    {
        var commissioner = await generated.Services.UserAsync(Cast.QueueCommissionerEmail);
        var supervisor = await generated.Services.UserAsync("supervisor01@" + Cast.MailDomain);
        var list = await generated.Services.RequestsAsync(s => s.ListAsync(commissioner, new RequestListQuery()));
        var all = await generated.Services.RequestsAsync(s => s.ListAsync(supervisor, new RequestListQuery(Text: "用地")));
        await using var scope = generated.Services.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<WorkQueue>();
        var inProgress = await queue.ListAsync(commissioner, new QueueQuery(QueueTab.InProgress));
        var details = await generated.Services.RequestsAsync(s => s.GetAsync(commissioner, list.Items[0].Number));

        Assert.NotEmpty(list.Items);
        Assert.NotEmpty(all.Items);
        Assert.All(all.Items, r => Assert.Contains("用地", r.Title));
        var openInQueue = inProgress.Counts[QueueTab.Submitted] + inProgress.Counts[QueueTab.Dispatched]
            + inProgress.Counts[QueueTab.InProgress] + inProgress.Counts[QueueTab.AwaitingEnterprise];
        Assert.True(openInQueue >= generated.Summary.QueueCommissionerOpen, $"the queue shows {openInQueue} open, {generated.Summary.QueueCommissionerOpen} generated");
        Assert.NotNull(details);
        Assert.NotEmpty(details.Timeline);
    }

    [Fact]
    public async Task Generate_IntoADatabaseWithData_IsRefusedWithoutAppend_AndNothingIsAdded()
    {
        var refusal = await Assert.ThrowsAsync<GeneratorRefusal>(() =>
            new BenchGenerator(Options(generated.Database, 10, Generated.Enterprises), TextWriter.Null).RunAsync());

        Assert.Contains("--append", refusal.Message);
        Assert.Contains($"{Generated.Requests:N0} requests", refusal.Message);
        Assert.Equal(Generated.Requests, await generated.Services.QueryAsync(db => db.ServiceRequests.CountAsync()));
    }

    [Fact]
    public async Task Generate_WithAppend_AddsRequestsWithNewNumbers_ToTheSameCast()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await new BenchGenerator(Options(database, 150, 200), TextWriter.Null).RunAsync();
        var appended = await new BenchGenerator(Options(database, 100, 200, append: true) with { Seed = 8 }, TextWriter.Null).RunAsync();

        await using var services = InfrastructureServices.Create(database);
        var (requests, numbers, enterprises, users) = await services.QueryAsync(async db => (
            await db.ServiceRequests.CountAsync(),
            await db.ServiceRequests.Select(r => r.Number).Distinct().CountAsync(),
            await db.Enterprises.CountAsync(),
            await db.Users.CountAsync()));
        Assert.Equal(100, appended.Requests);
        Assert.Equal(250, requests);
        Assert.Equal(250, numbers);
        Assert.Equal(200, enterprises);
        Assert.Equal(300 + 200, users);
        // The portal's own numbering goes on after the generated ones.
        var filed = await services.QueryAsync(db => RequestNumbers.NextAsync(db, Until.AddMinutes(-5), CancellationToken.None));
        Assert.DoesNotContain(filed, await services.QueryAsync(db => db.ServiceRequests.Select(r => r.Number).ToListAsync()));
    }

    [Fact]
    public async Task Generate_WithTheSameSeed_WritesTheSameData()
    {
        await using var first = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var second = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await new BenchGenerator(Options(first, 200, 150), TextWriter.Null).RunAsync();
        await new BenchGenerator(Options(second, 200, 150), TextWriter.Null).RunAsync();

        var (a, b) = (await FingerprintAsync(first), await FingerprintAsync(second));
        Assert.Equal(200 + 150 + 300, a.Count(line => line.StartsWith('R') || line.StartsWith('E') || line.StartsWith('U')));
        Assert.Equal(a, b);
    }

    /// <summary>Every request with its history and deadlines, every enterprise and person, one line each.</summary>
    private static async Task<List<string>> FingerprintAsync(TestDatabase database)
    {
        await using var services = InfrastructureServices.Create(database);
        return await services.QueryAsync(async db =>
        {
            var requests = await db.ServiceRequests.AsNoTracking().Include(r => r.Timeline).Include(r => r.Deadlines).AsSplitQuery()
                .OrderBy(r => r.Number).ToListAsync();
            var lines = requests.Select(r => $"R {r.Number} {r.EnterpriseId} {r.State} {r.SubmittedAt:O} {r.CommissionerUserId} {r.Title} "
                + string.Join("|", r.Timeline.OrderBy(e => e.Sequence).Select(e => $"{e.Action}@{e.At:O}:{e.ActorUserId}"))
                + " " + string.Join("|", r.Deadlines.OrderBy(d => d.Id).Select(d => d.ToString()))).ToList();
            lines.AddRange(await db.Enterprises.OrderBy(e => e.Id).Select(e => $"E {e.Id} {e.Name} {e.CreditCode} {e.CommissionerUserId}").ToListAsync());
            lines.AddRange(await db.Users.Where(u => u.EnterpriseId == null).OrderBy(u => u.Email)
                .Select(u => $"U {u.Email} {u.DisplayName} {(u.Email!.StartsWith("admin@") ? "" : u.Id)}").ToListAsync());
            return lines;
        });
    }

    [Theory]
    [InlineData("Data Source=App_Data/portal.db")]
    [InlineData("Data Source=:memory:")]
    [InlineData("Filename=portal.sqlite")]
    public async Task Generate_WithASqliteConnectionString_SaysItNeedsPostgres(string sqlite)
    {
        var refusal = await Assert.ThrowsAsync<GeneratorRefusal>(() =>
            new BenchGenerator(new GeneratorOptions { ConnectionString = sqlite, Requests = 10 }, TextWriter.Null).RunAsync());

        Assert.Contains("needs PostgreSQL", refusal.Message);
        Assert.Contains("SQLite", refusal.Message);
    }

    [Theory]
    [InlineData("--requests", "lots", "--requests wants a whole number")]
    [InlineData("--until", "tomorrow", "--until wants an instant")]
    [InlineData("--frobnicate", "", "Unknown option --frobnicate")]
    public void Parse_BadOptions_AreRefusedWithWhatIsWrong(string option, string value, string message)
    {
        string[] args = value.Length > 0 ? ["--connection", "Host=h;Database=d", option, value] : ["--connection", "Host=h;Database=d", option];

        var refusal = Assert.Throws<GeneratorRefusal>(() => GeneratorOptions.Parse(args, _ => null));

        Assert.Contains(message, refusal.Message);
    }

    [Fact]
    public void Parse_TakesTheConnectionFromTheEnvironment_AndTheCountsFromTheArguments()
    {
        var options = GeneratorOptions.Parse(["--requests", "1_000", "--seed", "3", "--append"],
            name => name == GeneratorOptions.ConnectionVariable ? "Host=h;Database=d" : null);

        Assert.Equal("Host=h;Database=d", options.ConnectionString);
        Assert.Equal(1000, options.Requests);
        Assert.Equal(3, options.Seed);
        Assert.True(options.Append);
        Assert.Throws<GeneratorRefusal>(() => GeneratorOptions.Parse([], _ => null));
    }
}
