using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Metrics;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Requests;

namespace Portal.Bench.Run;

/// <summary>
/// B3: the battle map's figures (<see cref="DistrictFigures"/>, a period beside the one before and the load now) as the
/// service computes them, for the whole district over this month and this year, and over the year narrowed by a
/// department, a park, a cadre's and a commissioner's scope.
/// </summary>
public static class B3Figures
{
    private const int Iterations = 5;
    private const double MonthTarget = 300;
    private const double YearTarget = 1000;

    private sealed record Case(string Name, PortalUser User, PeriodKind Kind, FigureFilter Filter, double? Target);

    public static async Task<Section> RunAsync(BenchPortal portal, NpgsqlDataSource data, BenchUsers users, RunOptions options, TextWriter log)
    {
        var section = new Section("B3", "the battle map's figures, a month and a year");
        var cadre = await UserAsync(data, "select ur.\"UserId\" from \"AspNetUserRoles\" ur join \"AspNetRoles\" r on r.\"Id\" = ur.\"RoleId\" " +
            "where r.\"Name\" = 'Cadre' order by (select count(*) from \"Enterprises\" e where e.\"CadreUserId\" = ur.\"UserId\") desc limit 1", Roles.Cadre);
        var park = await IdAsync(data, "select \"ParkId\" from \"Enterprises\" where \"ParkId\" is not null group by \"ParkId\" order by count(*) desc limit 1");
        var department = await IdAsync(data, "select \"LeadDepartmentId\" from \"ServiceRequests\" where \"LeadDepartmentId\" is not null group by 1 order by count(*) desc limit 1");
        Case[] cases =
        [
            new("district, this month", users.Supervisor, PeriodKind.Month, FigureFilter.None, MonthTarget),
            new("district, this year", users.Supervisor, PeriodKind.Year, FigureFilter.None, YearTarget),
            new("the busiest department, this year", users.Supervisor, PeriodKind.Year, new FigureFilter(DepartmentId: department), null),
            new("the largest park, this year", users.Supervisor, PeriodKind.Year, new FigureFilter(ParkId: park), null),
            new("the cadre with the most enterprises, this year", cadre, PeriodKind.Year, FigureFilter.None, null),
            new("commissioner01 (B1's), this year", users.Commissioner, PeriodKind.Year, FigureFilter.None, null),
        ];
        var today = WorkCalendar.DayOf(DateTimeOffset.UtcNow);
        var (build, builtDays) = await BuildRollupAsync(portal, data, log);
        // A working portal has today marked nearly always (every action marks its day): measure the figures so.
        var (mark, marked) = await RollUpTodayAsync(portal, data, today);
        await MarkAsync(data, today);
        var times = cases.ToDictionary(c => c.Name, _ => new List<double>());
        foreach (var c in cases)
        {
            await CallAsync(portal, c, today); // warm: plans, the calendar cache
        }
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var c in cases)
            {
                await MarkAsync(data, today); // the portal's own run may have rolled it up meanwhile
                var each = new List<double>();
                // A narrowed case is counted live, in seconds: one call a round keeps the run short.
                for (var i = 0; i < (c.Target is null ? 1 : Iterations); i++)
                {
                    var clock = Stopwatch.StartNew();
                    await CallAsync(portal, c, today);
                    each.Add(clock.Elapsed.TotalMilliseconds);
                }
                times[c.Name].Add(Stats.Median(each));
            }
            log.WriteLine($"B3: round {round}/{options.Rounds} done");
        }

        var sample = await CallAsync(portal, cases[1], today);
        var details = section.Details;
        details.AppendLine($"Each round calls `DistrictFigures.ForPeriodAsync` {Iterations} times per case with a target (once for the others), in a scope " +
            "of its own as a page would, and keeps the median; the table gives the median of the round medians. A call computes the period and the one before it (a year is this year so far " +
            "beside last year) and the load now. The district's and a department's figures read the rollup (decision 019) for the days it holds and " +
            "count the running deadlines and the marked days live beside it; today is marked throughout, as a working portal's nearly always is. " +
            "A park, a cadre and a commissioner narrow the requests, which the rollup does not: they are counted live. " +
            $"Building the rollup from nothing took {build.TotalSeconds:0} s ({builtDays:N0} days, the job's one transaction); rolling up {marked} " +
            $"marked day(s) again took {mark.TotalMilliseconds:0} ms. " +
            $"This year's district figures on this database: {sample.Current.Received:N0} received, {sample.Current.SignedInTime.Denominator:N0} sign and " +
            $"{sample.Current.ResolvedInTime.Denominator:N0} resolve deadlines counted, {sample.Current.Solved.Denominator:N0} evaluations; " +
            $"{sample.Now.Open:N0} open now.").AppendLine();
        details.AppendLine("| case | median | rounds (ms) |").AppendLine("|---|---|---|");
        foreach (var c in cases)
        {
            details.AppendLine($"| {c.Name} | {Stats.Ms(Stats.Median(times[c.Name]))} | {string.Join(" · ", times[c.Name].Select(t => $"{t:0}"))} |");
        }
        foreach (var c in cases.Where(c => c.Target is not null))
        {
            var median = Stats.Median(times[c.Name]);
            section.Verdicts.Add(new Verdict($"figures: {c.Name}", $"≤ {Stats.Ms(c.Target!.Value)}", Stats.Ms(median), median <= c.Target));
        }
        return section;
    }

    /// <summary>
    /// Drops the rollup's state and runs the job until it is built again (the portal's own recurring run may be the one
    /// that builds it: then this waits for it): how long building it from nothing takes, over how many days.
    /// </summary>
    private static async Task<(TimeSpan Took, int Days)> BuildRollupAsync(BenchPortal portal, NpgsqlDataSource data, TextWriter log)
    {
        await ExecuteAsync(data, """DELETE FROM "FigureRollups" """);
        log.WriteLine("B3: building the figures' rollup from nothing …");
        var clock = Stopwatch.StartNew();
        var days = 0;
        while (!await BuiltAsync(data))
        {
            days = await RollUpAsync(portal);
            if (days == 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
        var took = clock.Elapsed;
        await using var count = data.CreateCommand("""SELECT count(DISTINCT "Day") FROM "FigureEventDays" """);
        return (took, Convert.ToInt32(await count.ExecuteScalarAsync()));
    }

    /// <summary>Marks today and yesterday, as activity does, and times the job rolling them up (again, should the portal's own run take them first).</summary>
    private static async Task<(TimeSpan Took, int Days)> RollUpTodayAsync(BenchPortal portal, NpgsqlDataSource data, DateOnly today)
    {
        while (true)
        {
            await MarkAsync(data, today, today.AddDays(-1));
            var clock = Stopwatch.StartNew();
            if (await RollUpAsync(portal) is > 0 and var days)
            {
                return (clock.Elapsed, days);
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Marks the days as a save that changes them would.</summary>
    private static Task MarkAsync(NpgsqlDataSource data, params DateOnly[] days) =>
        ExecuteAsync(data, """INSERT INTO "FigureDirtyDays" ("Day") VALUES """ + string.Join(", ", days.Select(d => $"('{d:yyyy-MM-dd}')")));

    private static async Task<int> RollUpAsync(BenchPortal portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FigureRollupJob>().RunAsync(CancellationToken.None);
    }

    private static async Task<bool> BuiltAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand(
            """SELECT EXISTS (SELECT 1 FROM "FigureRollups" s WHERE s."CalendarRevision" = COALESCE((SELECT "Number" FROM "CalendarRevisions"), 0))""");
        return await command.ExecuteScalarAsync() is true;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<FiguresView> CallAsync(BenchPortal portal, Case c, DateOnly today)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DistrictFigures>()
            .ForPeriodAsync(c.User, ReportingPeriod.Containing(c.Kind, today), c.Filter);
    }

    private static async Task<PortalUser> UserAsync(NpgsqlDataSource data, string sql, string role)
    {
        await using var command = data.CreateCommand(sql);
        return new PortalUser(await command.ExecuteScalarAsync() as string ?? throw new RunRefusal($"No {role} in the database."), role);
    }

    private static async Task<int> IdAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        return await command.ExecuteScalarAsync() is int id ? id : throw new RunRefusal($"Nothing found by: {sql}");
    }
}
