using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Requests;

/// <summary>
/// Over a thousand random request histories driven through the services by the demo cast (outsiders
/// and wrong moves included), stored in a real database: every deadline the services stored equals
/// what the pure function recomputes from the stored timeline, the copied targets and the calendar.
/// </summary>
public class RequestServiceHistoryTests
{
    public const int Histories = 1000;
    private const int MovesPerHistory = 16;

    private static readonly string[] Cast =
    [
        "enterprise@yqby.test", "commissioner@yqby.test", "commissioner2@yqby.test", "zrzy.handler@yqby.test", "zrzy.head@yqby.test",
        "fgj.handler@yqby.test", "swj.handler@yqby.test", "cadre@yqby.test", "supervisor@yqby.test",
    ];

    /// <summary>A handler of whichever department leads the request now; <see cref="NotLead"/>: of the other one.</summary>
    private const string Lead = "lead";
    private const string NotLead = "not lead";

    private sealed record World(Dictionary<string, PortalUser> People, int Enterprise, int Category, int[] Departments);

    private static readonly (string Who, Func<RequestService, PortalUser, string, int, World, Random, Task> Call)[] Moves =
    [
        ("commissioner@yqby.test", (s, u, n, v, w, r) => s.DispatchAsync(u, n, v, w.Departments[r.Next(2)])),
        ("supervisor@yqby.test", (s, u, n, v, w, r) => s.DispatchAsync(u, n, v, w.Departments[r.Next(2)])),
        ("commissioner@yqby.test", (s, u, n, v, _, _) => s.HandleDirectlyAsync(u, n, v)),
        (Lead, (s, u, n, v, _, _) => s.SignAsync(u, n, v)),
        (NotLead, (s, u, n, v, _, _) => s.SignAsync(u, n, v)),
        (Lead, (s, u, n, v, _, _) => s.ReturnAsync(u, n, v, ReturnReason.NotOurResponsibility, "不属本部门职责")),
        (NotLead, (s, u, n, v, _, _) => s.ReturnAsync(u, n, v, ReturnReason.UnclearRequest, null)),
        ("supervisor@yqby.test", (s, u, n, v, w, r) => s.TransferAsync(u, n, v, w.Departments[r.Next(2)], "改派")),
        ("zrzy.head@yqby.test", (s, u, n, v, w, _) => s.DistributeAsync(u, n, v, w.People["zrzy.handler@yqby.test"].Id)),
        ("supervisor@yqby.test", (s, u, n, v, w, _) => s.ReassignAsync(u, n, v, w.People["commissioner2@yqby.test"].Id)),
        ("commissioner@yqby.test", (s, u, n, v, w, _) => s.AddCoHandlerAsync(u, n, v, w.Departments[2])),
        ("fgj.handler@yqby.test", (s, u, n, v, _, _) => s.CoHandlerReplyAsync(u, n, v, "无异议")),
        ("supervisor@yqby.test", (s, u, n, v, w, _) => s.WaiveCoHandlerReplyAsync(u, n, v, w.Departments[2], "已电话确认")),
        (Lead, (s, u, n, v, _, _) => s.AskForMaterialsAsync(u, n, v, "请补充材料")),
        ("commissioner@yqby.test", (s, u, n, v, _, _) => s.AskForMaterialsAsync(u, n, v, "请补充材料")),
        ("enterprise@yqby.test", (s, u, n, v, _, _) => s.SupplementAsync(u, n, v, "已补充")),
        (Lead, (s, u, n, v, _, _) => s.PublicReplyAsync(u, n, v, "正在办理")),
        ("commissioner@yqby.test", (s, u, n, v, _, _) => s.PublicReplyAsync(u, n, v, "已受理")),
        ("cadre@yqby.test", (s, u, n, v, _, _) => s.InternalNoteAsync(u, n, v, "关注")),
        (Lead, (s, u, n, v, _, r) => s.RequestExtensionAsync(u, n, v, 1 + r.Next(5), "需现场踏勘")),
        ("supervisor@yqby.test", (s, u, n, v, _, r) => s.ApproveExtensionAsync(u, n, v, 1 + r.Next(3))),
        ("supervisor@yqby.test", (s, u, n, v, _, _) => s.DenyExtensionAsync(u, n, v, "理由不足")),
        (Lead, (s, u, n, v, _, _) => s.ResolveAsync(u, n, v, "已办结")),
        (NotLead, (s, u, n, v, _, _) => s.ResolveAsync(u, n, v, "已办结")),
        ("commissioner@yqby.test", (s, u, n, v, _, _) => s.ResolveAsync(u, n, v, "已办结")),
        ("enterprise@yqby.test", (s, u, n, v, _, r) => s.EvaluateAsync(u, n, v, r.Next(2) == 0, (Satisfaction)r.Next(3), "评价意见")),
        ("commissioner@yqby.test", (s, u, n, v, _, r) => s.RecordFollowUpEvaluationAsync(u, n, v, r.Next(2) == 0, (Satisfaction)r.Next(3), "电话回访")),
        ("supervisor@yqby.test", (s, u, n, v, _, r) => s.ReviewDisputeAsync(u, n, v, r.Next(2) == 0, "甄别")),
        ("enterprise@yqby.test", (s, u, n, v, _, _) => s.WithdrawAsync(u, n, v, null)),
        ("enterprise@yqby.test", (s, u, n, v, _, _) => s.UrgeAsync(u, n, v, null)),
        ("cadre@yqby.test", (s, u, n, v, _, _) => s.SuperviseAsync(u, n, v, "请加快办理")),
    ];

    /// <summary>Dispatch, sign, supplement, resolve, evaluate, co-handling: half the moves push forward, so histories reach reopens and reviews.</summary>
    private static readonly int[] Forward = [0, 3, 3, 15, 22, 25, 10, 11];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DeadlinesStoredByTheServices_EqualTheirRecomputationFromTheStoredTimeline(DatabaseProvider provider)
    {
        var clock = new HistoryClock();
        await using var portal = await SeededPortal.CreateAsync(provider, s => s.AddSingleton<TimeProvider>(clock), demoData: true);
        var people = new Dictionary<string, PortalUser>();
        foreach (var email in Cast)
        {
            people[email] = await portal.UserAsync(email);
        }
        var world = new World(
            people,
            people["enterprise@yqby.test"].EnterpriseId!.Value,
            await portal.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync()),
            [
                people["zrzy.handler@yqby.test"].DepartmentId!.Value,
                people["swj.handler@yqby.test"].DepartmentId!.Value,
                people["fgj.handler@yqby.test"].DepartmentId!.Value,
            ]);

        var outcomes = new int[3];
        // PostgreSQL takes several writers at once; SQLite takes one, and a crowd only waits on its lock.
        var atOnce = provider == DatabaseProvider.Postgres ? 4 : 1;
        for (var batch = 0; batch < Histories; batch += atOnce)
        {
            await Task.WhenAll(Enumerable.Range(batch, atOnce).Select(seed => Task.Run(async () =>
            {
                foreach (var outcome in await PlayAsync(portal, clock, world, seed))
                {
                    Interlocked.Increment(ref outcomes[outcome]);
                }
            })));
        }

        var calendar = await portal.CalendarAsync(c => c.GetCalendarAsync());
        var requests = await AssertStoredEqualRecomputedAsync(portal, calendar);
        // The histories are not all refusals: most moves land, and the states they reach cover the lifecycle.
        Assert.True(outcomes[0] > Histories * MovesPerHistory / 5, $"{outcomes[0]} moves done, {outcomes[1]} refused, {outcomes[2]} not found");
        Assert.True(outcomes[2] > 0, "no outsider was ever told the request is not found");
        Assert.Equal(Enum.GetValues<RequestState>().Order(), requests.SelectMany(r => r.Timeline).Select(e => e.StateAfter).Distinct().Order());

        // Deadlines stored before they named the department they are charged to get it from the migration that added it,
        // read from the timeline as the clock charges it.
        Assert.Contains(requests.SelectMany(r => r.Deadlines), d => d.Kind == DeadlineKind.Sign && d.DepartmentId is not null);
        await portal.QueryAsync(async db =>
        {
            var migrator = db.GetInfrastructure().GetRequiredService<IMigrator>();
            var added = db.Database.GetMigrations().Single(m => m.EndsWith("_DeadlineDepartments", StringComparison.Ordinal));
            var before = db.Database.GetMigrations().TakeWhile(m => m != added).Last();
            await migrator.MigrateAsync(before);
            await migrator.MigrateAsync(added);
            await migrator.MigrateAsync(); // and the later ones again
            return 0;
        });
        await AssertStoredEqualRecomputedAsync(portal, calendar);
    }

    private static async Task<List<ServiceRequest>> AssertStoredEqualRecomputedAsync(SeededPortal portal, WorkCalendar calendar)
    {
        var requests = await portal.QueryAsync(db => db.ServiceRequests.AsNoTracking()
            .Include(r => r.Timeline).Include(r => r.Deadlines).AsSplitQuery().ToListAsync());
        Assert.Equal(Histories, requests.Count);
        foreach (var request in requests)
        {
            var recomputed = RequestClock.Recompute(request.Timeline, request.Targets, calendar);
            var stored = request.Deadlines.OrderBy(d => d.Id).ToList();
            Assert.True(recomputed.Count == stored.Count, $"{request.Number}: {recomputed.Count} recomputed, {stored.Count} stored");
            for (var i = 0; i < recomputed.Count; i++)
            {
                Assert.True(recomputed[i].SameAs(stored[i]), $"{request.Number}: recomputed {recomputed[i]} but stored {stored[i]}");
            }
        }
        return requests;
    }

    /// <returns>Per move: 0 done, 1 refused, 2 not found.</returns>
    private static async Task<List<int>> PlayAsync(SeededPortal portal, HistoryClock clock, World world, int seed)
    {
        var random = new Random(seed);
        clock.Now = new DateTimeOffset(2024, 1, 2, 8, 0, 0, WorkCalendar.Offset).AddMinutes(random.Next(0, 2 * 365 * 24 * 60));
        var phone = random.Next(3) == 0;
        var submitter = world.People[phone ? "commissioner@yqby.test" : "enterprise@yqby.test"];
        var number = await portal.RequestsAsync(s => s.SubmitAsync(submitter, new SubmitRequestInput(
            world.Enterprise, world.Category, random.Next(4) == 0 ? Urgency.Urgent : Urgency.Normal,
            phone ? RequestChannel.Phone : RequestChannel.Portal, "二期项目用地报批", "二期项目用地报批已逾两个月，请协调。")));
        var version = 1;
        int? lead = null;
        // One history in five is pressed hard, so some get through three reopens to a review within their moves.
        var forward = seed % 5 == 0 ? 0.9 : 0.5;
        var outcomes = new List<int>();
        for (var step = 0; step < MovesPerHistory; step++)
        {
            clock.Now = clock.Now.AddMinutes(random.Next(1, random.Next(2) == 0 ? 600 : 6 * 24 * 60));
            var (who, call) = random.NextDouble() < forward ? Moves[Forward[random.Next(Forward.Length)]] : Moves[random.Next(Moves.Length)];
            var actor = who switch
            {
                Lead => world.People[lead == world.Departments[1] ? "swj.handler@yqby.test" : "zrzy.handler@yqby.test"],
                NotLead => world.People[lead == world.Departments[1] ? "zrzy.handler@yqby.test" : "swj.handler@yqby.test"],
                _ => world.People[who],
            };
            var failure = await Record.ExceptionAsync(() => portal.RequestsAsync(s => call(s, actor, number, version, world, random)));
            switch (failure)
            {
                case null:
                    version++;
                    outcomes.Add(0);
                    lead = await portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == number).Select(r => r.LeadDepartmentId).SingleAsync());
                    break;
                case DomainException:
                    outcomes.Add(1);
                    break;
                case RequestNotFoundException:
                    outcomes.Add(2);
                    break;
                default:
                    Assert.Fail($"seed {seed}, step {step}: {failure}");
                    break;
            }
        }
        return outcomes;
    }

    /// <summary>A clock per history: each runs on its own time line, several at once.</summary>
    private sealed class HistoryClock : TimeProvider
    {
        private readonly AsyncLocal<DateTimeOffset> _now = new();

        public DateTimeOffset Now
        {
            get => _now.Value;
            set => _now.Value = value;
        }

        public override DateTimeOffset GetUtcNow() =>
            _now.Value == default ? new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero) : _now.Value.ToUniversalTime();
    }
}
