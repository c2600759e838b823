using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Infrastructure.Escalation;

namespace Portal.Bench.Run;

/// <summary>
/// B5: 10,000 requests becoming due at the same instant among a million, escalated by the portal's own recurring
/// scan (Hangfire, every 15 seconds) running in the portal as deployed. Each round picks 10,000 open requests, moves one
/// running deadline of each to an instant T a little ahead (its earlier levels recorded, its later ones cleared), and
/// times from T until every one of them has its 逾期 (overdue) record.
/// </summary>
public static class B5Escalation
{
    private const int Due = 10_000;
    private static readonly TimeSpan Lead = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(5);

    public static async Task<Section> RunAsync(NpgsqlDataSource data, string catchUp, RunOptions options, TextWriter log)
    {
        var section = new Section("B5", $"escalation: {Due:N0} requests becoming due at once among a million");
        await ForgetPickedAsync(data);
        var rounds = new List<(double First, double All)>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            var at = DateTimeOffset.UtcNow + Lead;
            var picked = await PrepareAsync(data, at, round);
            var (first, all) = await WatchAsync(data, at);
            rounds.Add((first, all));
            log.WriteLine($"B5: round {round}/{options.Rounds}: {picked:N0} due at T; first escalated at T+{first:0.0} s, all at T+{all:0.0} s");
        }
        var median = Stats.Median(rounds.Select(r => r.All));
        section.Verdicts.Add(new Verdict($"all {Due:N0} escalated, after the moment they fall due", "≤ 60 s", $"{median:0.0} s", median <= 60));
        var details = section.Details;
        details.AppendLine($"Each round: {Due:N0} open requests not picked before, one running deadline each (not the evaluation window), moved to fall due at T = " +
            $"{Lead.TotalSeconds:0} s after the setup starts, their 预警 (warning) record in place and any later ones removed, in one transaction; then the time from T " +
            "until the last of them has its 逾期 record, as counted in the database every 250 ms. The scan is the portal's recurring Hangfire job (every 15 s), " +
            "so the wait for its next run is included; each escalation also writes its notices and e-mails (to the outbox) as in production.").AppendLine();
        details.AppendLine($"Before any benchmark the scan caught up with every level not yet recorded (the generated data has none): {catchUp}.").AppendLine();
        details.AppendLine("| round | first escalated | all escalated |").AppendLine("|---|---|---|");
        for (var i = 0; i < rounds.Count; i++)
        {
            details.AppendLine($"| {i + 1} | T + {rounds[i].First:0.0} s | T + {rounds[i].All:0.0} s |");
        }
        return section;
    }

    /// <summary>Runs the scan until it finds nothing more to record, as the recurring one would over a while.</summary>
    public static async Task<string> CatchUpAsync(BenchPortal portal, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var total = 0;
        while (true)
        {
            await using var scope = portal.Services.CreateAsyncScope();
            var recorded = await scope.ServiceProvider.GetRequiredService<EscalationJob>().ScanAsync(CancellationToken.None);
            if (recorded == 0)
            {
                break;
            }
            total += recorded;
            log.WriteLine($"B5: catching up: {total:N0} levels recorded in {clock.Elapsed:m\\:ss}");
        }
        return total == 0 ? "nothing was missing" : $"{total:N0} levels recorded in {clock.Elapsed:m\\:ss}";
    }

    private static async Task<int> PrepareAsync(NpgsqlDataSource data, DateTimeOffset at, int round)
    {
        await using var connection = await data.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            """
            drop table if exists bench_due;
            create temp table bench_due on commit drop as
            select distinct on (d."RequestId") d."Id", d."RequestId", d."Kind", d."PartyDepartmentId", d."Generation"
            from "RequestDeadlines" d
            join "ServiceRequests" r on r."Id" = d."RequestId"
            where d."Status" = 'Open' and d."Kind" <> 'Evaluation'
              and r."State" not in ('Closed', 'Withdrawn')
              and not exists (select 1 from bench_picked p where p."RequestId" = d."RequestId")
            order by d."RequestId", d."Id";
            delete from bench_due where "RequestId" not in (select "RequestId" from bench_due order by md5("RequestId"::text || @round) limit @count);
            insert into bench_picked select "RequestId" from bench_due;
            delete from "Escalations" e using bench_due p
             where e."RequestId" = p."RequestId" and e."Kind" = p."Kind" and e."PartyDepartmentId" = p."PartyDepartmentId"
               and e."Generation" = p."Generation" and e."Level" in ('Overdue', 'SeverelyOverdue');
            insert into "Escalations" ("RequestId", "Kind", "PartyDepartmentId", "Generation", "Level", "DueAt", "RecordedAt")
            select "RequestId", "Kind", "PartyDepartmentId", "Generation", 'Warning', @at, now() from bench_due
            on conflict do nothing;
            update "RequestDeadlines" d set "DueAt" = @at from bench_due p where d."Id" = p."Id";
            select count(*) from bench_due;
            """, connection, transaction);
        command.Parameters.AddWithValue("round", round.ToString(System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("count", Due);
        command.Parameters.AddWithValue("at", at);
        var picked = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        // The watch reads the picked deadlines from a table that outlives this transaction.
        await using (var keep = new NpgsqlCommand(
            """
            drop table if exists bench_watch;
            create table bench_watch as select "RequestId", "Kind", "PartyDepartmentId", "Generation" from bench_due;
            """, connection, transaction))
        {
            await keep.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        if (picked < Due)
        {
            throw new RunRefusal($"B5 found only {picked:N0} open requests not used by an earlier round: it needs {Due:N0} a round.");
        }
        return picked;
    }

    private static async Task<(double First, double All)> WatchAsync(NpgsqlDataSource data, DateTimeOffset at)
    {
        double? first = null;
        while (true)
        {
            await using var command = data.CreateCommand(
                """
                select count(*) from bench_watch w join "Escalations" e
                  on e."RequestId" = w."RequestId" and e."Kind" = w."Kind" and e."PartyDepartmentId" = w."PartyDepartmentId"
                 and e."Generation" = w."Generation" and e."Level" = 'Overdue'
                """);
            var done = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            var since = (DateTimeOffset.UtcNow - at).TotalSeconds;
            if (done > 0 && first is null)
            {
                first = since;
            }
            if (done >= Due)
            {
                return (first!.Value, since);
            }
            if (since > GiveUp.TotalSeconds)
            {
                return (first ?? double.NaN, double.PositiveInfinity);
            }
            await Task.Delay(250);
        }
    }

    /// <summary>The requests this run's earlier rounds used, so that each round's are fresh.</summary>
    private static async Task ForgetPickedAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand("create table if not exists bench_picked (\"RequestId\" bigint primary key); truncate bench_picked;");
        await command.ExecuteNonQueryAsync();
    }
}
