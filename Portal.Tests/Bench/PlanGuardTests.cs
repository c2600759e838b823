using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Bench.Generate;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using Xunit.Abstractions;

namespace Portal.Tests.Bench;

/// <summary>
/// The plan guard: 100,000 generated requests in a test PostgreSQL database, analysed, and the SQL that EF Core
/// actually sends for each main list page (captured while the real service runs) explained. Each page's plan must
/// read the request tables through an index and never read <c>ServiceRequests</c> whole: no Seq Scan of it anywhere
/// in the plan (so no Sort over the whole table either), and no Sort of more than a tenth of the table's rows (a
/// top-N sort over a set an index found is fine). No timings: those belong to bench/run.
/// </summary>
public class PlanGuardTests(PlanGuardTests.Generated generated, ITestOutputHelper output) : IClassFixture<PlanGuardTests.Generated>
{
    private static readonly DateTimeOffset Until = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] BigTables = ["ServiceRequests", "RequestDeadlines"];
    private static readonly string[] IndexScans = ["Index Scan", "Index Only Scan", "Bitmap Index Scan"];

    public sealed class Generated : IAsyncLifetime
    {
        public const int Requests = 100_000;

        public TestDatabase Database { get; private set; } = null!;
        public ServiceProvider Services { get; private set; } = null!;
        public CommandCapture Capture { get; } = new();
        public TimeSpan GenerationTime { get; private set; }

        public async Task InitializeAsync()
        {
            Database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
            var clock = Stopwatch.StartNew();
            await new BenchGenerator(new GeneratorOptions
            {
                ConnectionString = Database.ConnectionString,
                Requests = Requests,
                Enterprises = 2000,
                Seed = 11,
                Until = Until,
            }, TextWriter.Null).RunAsync();
            GenerationTime = clock.Elapsed;
            await using (var connection = new NpgsqlConnection(Database.ConnectionString))
            {
                await connection.OpenAsync();
                await using var analyse = new NpgsqlCommand("ANALYZE", connection);
                await analyse.ExecuteNonQueryAsync();
            }
            Services = InfrastructureServices.Create(Database, configure: services =>
                services.ConfigureDbContext<PostgresPortalDbContext>(o => o.AddInterceptors(Capture)));
        }

        public async Task DisposeAsync()
        {
            await Services.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    /// <summary>Every command EF Core runs, with its parameters, while <see cref="Recording"/> is on.</summary>
    public sealed class CommandCapture : CommandRecorder
    {
        private readonly List<(string Sql, NpgsqlParameter[] Parameters)> _commands = [];
        private readonly Lock _lock = new();

        public bool Recording { get; set; }

        public IReadOnlyList<(string Sql, NpgsqlParameter[] Parameters)> Take()
        {
            lock (_lock)
            {
                var taken = _commands.ToList();
                _commands.Clear();
                return taken;
            }
        }

        protected override void Record(DbCommand command)
        {
            if (!Recording)
            {
                return;
            }
            lock (_lock)
            {
                _commands.Add((command.CommandText, [.. command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone())]));
            }
        }
    }

    public static TheoryData<string, string> Lists() => new()
    {
        // The queue of each staff role, each open tab and the closed one.
        { "supervisor01", "queue:Submitted" }, { "supervisor01", "queue:Dispatched" }, { "supervisor01", "queue:InProgress" },
        { "supervisor01", "queue:AwaitingEnterprise" }, { "supervisor01", "queue:Resolved" }, { "supervisor01", "queue:Closed" },
        { "supervisor01", "queue-needs-me:Submitted" },
        { "commissioner01", "queue:Submitted" }, { "commissioner01", "queue:InProgress" }, { "commissioner01", "queue:Closed" },
        { "commissioner01", "queue-needs-me:InProgress" },
        { "handler", "queue:Dispatched" }, { "handler", "queue:InProgress" }, { "handler", "queue:Closed" },
        { "head", "queue:InProgress" }, { "head", "queue-needs-me:InProgress" },
        { "cadre01", "queue:InProgress" },
        // The request lists: the enterprise's own, the commissioner's, the supervisors' all-requests list in each order.
        { "enterprise", "list:Newest" }, { "enterprise", "list:RecentlyUpdated" },
        { "commissioner01", "list:Newest" },
        { "supervisor01", "list:Newest" }, { "supervisor01", "list:Oldest" }, { "supervisor01", "list:RecentlyUpdated" },
        { "supervisor01", "list-open:Newest" },
        // The supervisors' desk.
        { "supervisor01", "desk:dispatch" }, { "supervisor01", "desk:extensions" },
        // Its lists' whole lengths, counted apart from the page.
        { "supervisor01", "desk-count:dispatch" }, { "supervisor01", "desk-count:extensions" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task EachMainListPage_ReadsThroughAnIndex_AndNeverSortsTheWholeTable(string who, string list)
    {
        var user = await UserAsync(who);
        var sql = await CaptureAsync(user, list, list.StartsWith("desk-count", StringComparison.Ordinal)
            ? c => c.Contains("count(*)", StringComparison.Ordinal) && c.Contains("\"ServiceRequests\"", StringComparison.Ordinal)
            : IsPage);
        await AssertReadsThroughIndexesAsync(sql);
    }

    public static TheoryData<string> QueueOwners() => new() { "supervisor01", "commissioner01", "handler", "head", "cadre01" };

    /// <summary>
    /// The tab counts of every visit to the queue: at a million requests a count that tested each request of the table
    /// against the scope's subquery took seconds (bench/README.md), and the counts are on every page of the queue.
    /// </summary>
    [Theory]
    [MemberData(nameof(QueueOwners))]
    public async Task EachQueuesTabCounts_ReadThroughAnIndex_NotTheWholeTable(string who)
    {
        var user = await UserAsync(who);
        var sql = await CaptureAsync(user, "queue:Submitted", c => c.Contains("GROUP BY", StringComparison.Ordinal) && c.Contains("\"ServiceRequests\"", StringComparison.Ordinal));
        await AssertReadsThroughIndexesAsync(sql);
    }

    private async Task AssertReadsThroughIndexesAsync((string Sql, NpgsqlParameter[] Parameters) sql)
    {
        var (plan, text) = await ExplainAsync(sql.Sql, sql.Parameters);
        var total = await generated.Services.QueryAsync(db => db.ServiceRequests.CountAsync());
        output.WriteLine($"generation of {Generated.Requests:N0}: {generated.GenerationTime}");
        output.WriteLine(sql.Sql);
        output.WriteLine(text);

        var nodes = Flatten(plan).ToList();
        Assert.True(total >= Generated.Requests, $"{total} requests");
        Assert.Contains(nodes, n => IndexScans.Contains(n.Type) && BigTables.Any(t => n.Index?.Contains(t) == true));
        Assert.DoesNotContain(nodes, n => n.Type == "Seq Scan" && n.Relation == "ServiceRequests");
        Assert.DoesNotContain(nodes, n => n.Type is "Sort" or "Incremental Sort" && n.Rows > total / 10);
    }

    private static bool IsPage(string sql) => sql.Contains("LIMIT", StringComparison.Ordinal) && sql.Contains("\"ServiceRequests\"", StringComparison.Ordinal);

    [Fact]
    public async Task TheClosedTab_PagesInIdOrder_WhichIsItsDeadlineOrder_BecauseNoClosedRequestHasARunningDeadline()
    {
        var supervisor = await UserAsync("supervisor01");
        await using var scope = generated.Services.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<WorkQueue>();
        var first = await queue.ListAsync(supervisor, new QueueQuery(QueueTab.Closed));
        var second = await queue.ListAsync(supervisor, new QueueQuery(QueueTab.Closed), first.Next);
        var (expected, running) = await generated.Services.QueryAsync(async db => (
            await db.ServiceRequests.Where(r => r.State == RequestState.Closed || r.State == RequestState.Withdrawn)
                .OrderBy(r => r.Id).Select(r => r.Id).Take(2 * WorkQueue.PageSize).ToListAsync(),
            await db.ServiceRequests.CountAsync(r => (r.State == RequestState.Closed || r.State == RequestState.Withdrawn)
                && r.Deadlines.Any(d => d.Status == DeadlineStatus.Open && d.Kind != DeadlineKind.Evaluation))));

        Assert.Equal(0, running);
        Assert.NotNull(first.Next);
        Assert.Equal(expected, first.Rows.Concat(second.Rows).Select(r => r.Id));
        Assert.All(first.Rows.Concat(second.Rows), r => Assert.Null(r.NextDeadline));
    }

    [Fact]
    public void TheGuard_FailsOnAPlanThatReadsTheWholeTable()
    {
        // What the assertions above reject, from a real plan shape: a top-N sort over a Seq Scan of ServiceRequests.
        var plan = JsonDocument.Parse("""
            [{"Plan": {"Node Type": "Limit", "Plan Rows": 31, "Plans": [
              {"Node Type": "Sort", "Plan Rows": 60000, "Plans": [
                {"Node Type": "Seq Scan", "Relation Name": "ServiceRequests", "Plan Rows": 60000}]}]}}]
            """).RootElement[0].GetProperty("Plan");
        var nodes = Flatten(plan).ToList();

        Assert.DoesNotContain(nodes, n => IndexScans.Contains(n.Type));
        Assert.Contains(nodes, n => n.Type == "Seq Scan" && n.Relation == "ServiceRequests");
        Assert.Contains(nodes, n => n.Type == "Sort" && n.Rows > 100_000 / 10);
    }

    private sealed record Node(string Type, string? Relation, string? Index, double Rows);

    private static IEnumerable<Node> Flatten(JsonElement plan)
    {
        yield return new Node(
            plan.GetProperty("Node Type").GetString()!,
            plan.TryGetProperty("Relation Name", out var relation) ? relation.GetString() : null,
            plan.TryGetProperty("Index Name", out var index) ? index.GetString() : null,
            plan.GetProperty("Plan Rows").GetDouble());
        if (plan.TryGetProperty("Plans", out var children))
        {
            foreach (var node in children.EnumerateArray().SelectMany(Flatten))
            {
                yield return node;
            }
        }
    }

    private async Task<(JsonElement Plan, string Text)> ExplainAsync(string sql, NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(generated.Database.ConnectionString);
        await connection.OpenAsync();
        async Task<string> Explain(string format)
        {
            await using var command = new NpgsqlCommand($"EXPLAIN ({format}) {sql}", connection);
            command.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
            return string.Join('\n', lines);
        }
        var json = await Explain("FORMAT JSON");
        var text = await Explain("FORMAT TEXT");
        return (JsonDocument.Parse(json).RootElement[0].GetProperty("Plan").Clone(), text);
    }

    /// <summary>Runs the real service for the list and keeps the one command <paramref name="which"/> picks (its page: the one with a LIMIT).</summary>
    private async Task<(string Sql, NpgsqlParameter[] Parameters)> CaptureAsync(PortalUser user, string list, Func<string, bool> which)
    {
        var (kind, what) = (list.Split(':')[0], list.Split(':')[1]);
        await using var scope = generated.Services.CreateAsyncScope();
        generated.Capture.Take();
        generated.Capture.Recording = true;
        try
        {
            switch (kind)
            {
                case "queue" or "queue-needs-me":
                    var page = await scope.ServiceProvider.GetRequiredService<WorkQueue>()
                        .ListAsync(user, new QueueQuery(Enum.Parse<QueueTab>(what), NeedsMe: kind == "queue-needs-me"));
                    Assert.NotNull(page);
                    break;
                case "list" or "list-open":
                    var states = kind == "list-open"
                        ? new[] { RequestState.Submitted, RequestState.Dispatched, RequestState.InProgress }
                        : null;
                    var rows = await scope.ServiceProvider.GetRequiredService<RequestService>()
                        .ListAsync(user, new RequestListQuery(States: states, Sort: Enum.Parse<RequestSort>(what)));
                    Assert.NotEmpty(rows.Items);
                    break;
                case "desk" or "desk-count" when what == "dispatch":
                    Assert.NotNull(await scope.ServiceProvider.GetRequiredService<SupervisorDesk>().DispatchQueueAsync(user));
                    break;
                case "desk" or "desk-count":
                    Assert.NotNull(await scope.ServiceProvider.GetRequiredService<SupervisorDesk>().PendingExtensionsAsync(user));
                    break;
                default:
                    throw new ArgumentException(list);
            }
        }
        finally
        {
            generated.Capture.Recording = false;
        }
        var commands = generated.Capture.Take();
        return Assert.Single(commands, c => which(c.Sql));
    }

    private async Task<PortalUser> UserAsync(string who)
    {
        var services = generated.Services;
        switch (who)
        {
            case "handler" or "head":
                var code = await services.QueryAsync(db => db.Departments.OrderBy(d => d.Id).Select(d => d.Code).FirstAsync());
                return await services.UserAsync($"{code.ToLowerInvariant()}.{(who == "head" ? "head" : "handler02")}@{Cast.MailDomain}");
            case "enterprise":
                // The enterprise that raised the most: its list is the longest.
                var enterprise = await services.QueryAsync(db => db.ServiceRequests.GroupBy(r => r.EnterpriseId)
                    .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync());
                var email = await services.QueryAsync(db => db.Users.Where(u => u.EnterpriseId == enterprise).Select(u => u.Email!).FirstAsync());
                var user = await services.UserAsync(email);
                Assert.Equal(Roles.Enterprise, user.Role);
                return user;
            default:
                return await services.UserAsync($"{who}@{Cast.MailDomain}");
        }
    }
}
