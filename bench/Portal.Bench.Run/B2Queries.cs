using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Infrastructure.Requests;

namespace Portal.Bench.Run;

/// <summary>
/// B2: the list queries through the portal's own services (EF Core, with what the service does around them) against
/// exactly the SQL they sent, replayed through raw Npgsql reading every column; the supervisors' list first page
/// against a page 40,000 rows deep; a search for 用地.
/// </summary>
public static class B2Queries
{
    private const int Iterations = 15;
    private const int Deep = 40_000;

    private sealed record Case(string Name, Func<IServiceProvider, Task> Call);

    public static async Task<Section> RunAsync(BenchPortal portal, NpgsqlDataSource data, BenchUsers users, RunOptions options, TextWriter log)
    {
        var section = new Section("B2", "list queries: EF Core vs raw Npgsql, deep pages, search");
        Case[] cases =
        [
            new("queue: commissioner, 待受理, needs me (B1's page)", s => s.GetRequiredService<WorkQueue>().ListAsync(users.Commissioner, new QueueQuery(QueueTab.Submitted, NeedsMe: true))),
            new("queue: commissioner, 办理中", s => s.GetRequiredService<WorkQueue>().ListAsync(users.Commissioner, new QueueQuery(QueueTab.InProgress))),
            new("queue: department head, 待签收", s => s.GetRequiredService<WorkQueue>().ListAsync(users.DepartmentHead, new QueueQuery(QueueTab.Dispatched))),
            new("queue: supervisor, 办理中", s => s.GetRequiredService<WorkQueue>().ListAsync(users.Supervisor, new QueueQuery(QueueTab.InProgress))),
            new("all requests: supervisor, newest", s => s.GetRequiredService<RequestService>().ListAsync(users.Supervisor, new RequestListQuery())),
            new("enterprise's own list, newest", s => s.GetRequiredService<RequestService>().ListAsync(users.Enterprise, new RequestListQuery())),
        ];
        var statements = new Dictionary<string, IReadOnlyList<CapturedStatement>>();
        foreach (var c in cases)
        {
            await CallAsync(portal, c.Call); // warm: plans, the calendar and settings caches
            statements[c.Name] = await portal.Capture.RecordAsync(() => CallAsync(portal, c.Call));
        }

        log.WriteLine($"B2: finding the cursor {Deep:N0} rows deep in the supervisors' list …");
        var deepCursor = await CursorAtAsync(portal, users.Supervisor, Deep);
        Case first = new("first page", s => s.GetRequiredService<RequestService>().ListAsync(users.Supervisor, new RequestListQuery()));
        Case deep = new("deep page", s => s.GetRequiredService<RequestService>().ListAsync(users.Supervisor, new RequestListQuery(), deepCursor));
        Case search = new("search 用地", s => s.GetRequiredService<RequestService>().ListAsync(users.Supervisor, new RequestListQuery(Text: "用地")));

        var ef = cases.ToDictionary(c => c.Name, _ => new List<double>());
        var raw = cases.ToDictionary(c => c.Name, _ => new List<double>());
        var (firstRounds, deepRounds, searchRounds) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var c in cases)
            {
                var (efTimes, rawTimes) = (new List<double>(), new List<double>());
                for (var i = 0; i < Iterations; i++)
                {
                    efTimes.Add(await TimeAsync(() => CallAsync(portal, c.Call)));
                    rawTimes.Add(await TimeAsync(() => ReplayAsync(data, statements[c.Name])));
                }
                ef[c.Name].Add(Stats.Median(efTimes));
                raw[c.Name].Add(Stats.Median(rawTimes));
            }
            var (firstTimes, deepTimes, searchTimes) = (new List<double>(), new List<double>(), new List<double>());
            for (var i = 0; i < Iterations; i++)
            {
                firstTimes.Add(await TimeAsync(() => CallAsync(portal, first.Call)));
                deepTimes.Add(await TimeAsync(() => CallAsync(portal, deep.Call)));
                searchTimes.Add(await TimeAsync(() => CallAsync(portal, search.Call)));
            }
            firstRounds.Add(Stats.Median(firstTimes));
            deepRounds.Add(Stats.Median(deepTimes));
            searchRounds.Add(Stats.Median(searchTimes));
            log.WriteLine($"B2: round {round}/{options.Rounds} done");
        }

        var details = section.Details;
        details.AppendLine($"Each round runs every query {Iterations} times, EF Core and raw in turn, and keeps the median; the table gives the median of the round medians. " +
            "EF Core is the portal's service method (its SQL, materialisation and what it computes on the rows); raw is the same statements with the same parameters " +
            "through one pooled Npgsql connection, reading every column of every row.").AppendLine();
        details.AppendLine("| query | statements | EF Core | raw Npgsql | EF / raw | rounds (EF / raw, ms) |").AppendLine("|---|---|---|---|---|---|");
        var worst = 0.0;
        foreach (var c in cases)
        {
            var (e, r) = (Stats.Median(ef[c.Name]), Stats.Median(raw[c.Name]));
            worst = Math.Max(worst, e / r);
            details.AppendLine($"| {c.Name} | {statements[c.Name].Count} | {Stats.Ms(e)} | {Stats.Ms(r)} | {e / r:0.00} × | " +
                string.Join(" · ", ef[c.Name].Zip(raw[c.Name], (a, b) => $"{a:0.0}/{b:0.0}")) + " |");
        }
        var (f, d, s) = (Stats.Median(firstRounds), Stats.Median(deepRounds), Stats.Median(searchRounds));
        details.AppendLine().AppendLine($"The supervisors' list, newest first, 20 rows a page: first page {Stats.Ms(f)}, the page after row {Deep:N0} {Stats.Ms(d)} " +
            $"(rounds: {string.Join(" · ", firstRounds.Zip(deepRounds, (a, b) => $"{a:0.0}/{b:0.0}"))} ms). " +
            $"Search for 用地 in title, number and enterprise name, first page: {Stats.Ms(s)} (rounds: {string.Join(" · ", searchRounds.Select(x => $"{x:0.0}"))} ms).");

        section.Verdicts.Add(new Verdict("EF Core / raw Npgsql, the worst of the list queries", "≤ 2 ×", $"{worst:0.00} ×", worst <= 2));
        section.Verdicts.Add(new Verdict($"supervisors' list, {Deep:N0} rows deep / first page", "≤ 2 ×", $"{d / f:0.00} × ({Stats.Ms(d)} / {Stats.Ms(f)})", d / f <= 2));
        section.Verdicts.Add(new Verdict("search 用地, first page", "≤ 200 ms", Stats.Ms(s), s <= 200));
        return section;
    }

    private static async Task CallAsync(BenchPortal portal, Func<IServiceProvider, Task> call)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await call(scope.ServiceProvider);
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task ReplayAsync(NpgsqlDataSource data, IReadOnlyList<CapturedStatement> statements)
    {
        await using var connection = await data.OpenConnectionAsync();
        foreach (var statement in statements)
        {
            await using var command = statement.ToCommand(connection);
            await using var reader = await command.ExecuteReaderAsync();
            do
            {
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        _ = reader.GetValue(i);
                    }
                }
            }
            while (await reader.NextResultAsync());
        }
    }

    /// <summary>Walks the list by its own cursors, 200 rows a page, to the cursor after row <paramref name="rows"/>.</summary>
    private static async Task<RequestCursor> CursorAtAsync(BenchPortal portal, PortalUser user, int rows)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<RequestService>();
        RequestCursor? cursor = null;
        for (var seen = 0; seen < rows;)
        {
            var page = await service.ListAsync(user, new RequestListQuery(), cursor, Math.Min(RequestService.MaxPageSize, rows - seen));
            seen += page.Items.Count;
            cursor = page.Next ?? throw new RunRefusal($"The supervisors' list ends before {rows:N0} rows: generate more requests.");
        }
        return cursor!;
    }
}
