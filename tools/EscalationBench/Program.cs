using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Portal.Infrastructure;
using Portal.Infrastructure.Escalation;

namespace Portal.Tools.EscalationBench;

/// <summary>
/// Times the escalation scan (issue 11, B5) on a copy of the bench database, calling <see cref="EscalationJob"/>
/// as Hangfire would, on the 15-second ticks of its cron, one scan at a time.
///   catchup CONN            scans until one records nothing: the first scans of a database without escalations.
///   burst CONN [N]          N (10,000) requests' running deadline, lower levels recorded, made due at a moment T just
///                           after a tick (the worst case); reports when the last of them has its Overdue record.
///   scan CONN               one scan, timed (the steady state: nothing or little to do).
/// Escalation:* settings may be given as further arguments, e.g. Escalation:Parallelism=4.
/// </summary>
public static class Program
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(15);

    /// <summary>Hangfire's schedule polling (Jobs:SchedulePollingInterval, 2 s): a job fires up to this late.</summary>
    private static readonly TimeSpan Polling = TimeSpan.FromSeconds(2);

    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("usage: catchup|burst|scan CONNECTION [N] [Escalation:Key=Value ...]");
            return 2;
        }
        var mode = args[0];
        var connection = args[1];
        var count = args.Length > 2 && int.TryParse(args[2], CultureInfo.InvariantCulture, out var n) ? n : 10_000;
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = connection,
            ["Jobs:RunServer"] = "false",
            ["Email:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "escalation-bench-mail"),
            ["Email:FromAddress"] = "noreply@yqby.local",
            ["Attachments:Directory"] = Path.Combine(Path.GetTempPath(), "escalation-bench-files"),
        };
        foreach (var pair in args.Skip(2).Where(a => a.Contains('=')))
        {
            settings[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning).AddFilter("Portal.Infrastructure.Escalation", LogLevel.Information));
        services.AddPortalInfrastructure(configuration, Directory.GetCurrentDirectory());
        await using var provider = services.BuildServiceProvider();

        switch (mode)
        {
            case "catchup":
                for (var i = 1; ; i++)
                {
                    var (recorded, took) = await ScanAsync(provider);
                    Console.WriteLine($"scan {i}: {recorded} levels in {took.TotalSeconds:F1} s");
                    if (recorded == 0)
                    {
                        return 0;
                    }
                }
            case "scan":
            {
                var (recorded, took) = await ScanAsync(provider);
                Console.WriteLine($"scan: {recorded} levels in {took.TotalMilliseconds:F0} ms");
                return 0;
            }
            case "burst":
                return await BurstAsync(provider, connection, count);
            default:
                await Console.Error.WriteLineAsync($"unknown mode {mode}");
                return 2;
        }
    }

    private static async Task<(int Recorded, TimeSpan Took)> ScanAsync(IServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        var recorded = await scope.ServiceProvider.GetRequiredService<EscalationJob>().ScanAsync(CancellationToken.None);
        return (recorded, watch.Elapsed);
    }

    /// <summary>The SQL that sets up the burst: see docs/escalation.md's measurements.</summary>
    public const string SetUpSql = """
        drop table if exists b5;
        create table b5 as
          select "RequestId", "Kind", "PartyDepartmentId", "Generation", "Id" from (
            select distinct on (d."RequestId") d.*
            from "RequestDeadlines" d
            where d."Status" = 'Open' and d."Kind" <> 'Evaluation'
              and exists (select 1 from "Escalations" e where e."RequestId" = d."RequestId" and e."Kind" = d."Kind"
                and e."PartyDepartmentId" = d."PartyDepartmentId" and e."Generation" = d."Generation" and e."Level" = 'Warning')
            order by d."RequestId", d."Kind") c
          order by md5(c."RequestId"::text) limit @n;
        delete from "Escalations" e using b5
          where e."RequestId" = b5."RequestId" and e."Kind" = b5."Kind" and e."PartyDepartmentId" = b5."PartyDepartmentId"
            and e."Generation" = b5."Generation" and e."Level" in ('Overdue', 'SeverelyOverdue');
        update "RequestDeadlines" d set "DueAt" = @t from b5 where d."Id" = b5."Id";
        """;

    public const string DoneSql = """
        select count(*) from b5 where exists (select 1 from "Escalations" e where e."RequestId" = b5."RequestId" and e."Kind" = b5."Kind"
          and e."PartyDepartmentId" = b5."PartyDepartmentId" and e."Generation" = b5."Generation" and e."Level" = 'Overdue')
        """;

    private static async Task<int> BurstAsync(IServiceProvider provider, string connectionString, int count)
    {
        // Quiet first: whatever is due now is recorded, as at steady state.
        var (before, took) = await ScanAsync(provider);
        Console.WriteLine($"steady state: {before} levels in {took.TotalMilliseconds:F0} ms");
        var steady = await ScanAsync(provider);
        Console.WriteLine($"steady state scan: {steady.Recorded} levels in {steady.Took.TotalMilliseconds:F0} ms");

        await using var data = NpgsqlDataSource.Create(connectionString);
        // T: just after a tick of the cron, the worst case (the next scan is a whole tick away), set a few seconds ahead.
        var now = DateTimeOffset.UtcNow;
        var tick = new DateTimeOffset(now.Ticks / Tick.Ticks * Tick.Ticks, TimeSpan.Zero) + 2 * Tick;
        var moment = tick + TimeSpan.FromMilliseconds(1);
        await using (var setUp = data.CreateCommand(SetUpSql))
        {
            setUp.Parameters.AddWithValue("n", count);
            setUp.Parameters.AddWithValue("t", moment);
            await setUp.ExecuteNonQueryAsync();
        }
        var chosen = (long)(await data.CreateCommand("select count(*) from b5").ExecuteScalarAsync())!;
        Console.WriteLine($"{chosen} requests due at {moment:HH:mm:ss.fff} (set up by {DateTimeOffset.UtcNow:HH:mm:ss.fff})");

        var next = tick + Tick + Polling;
        var scans = 0;
        while (true)
        {
            var wait = next - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var started = DateTimeOffset.UtcNow;
            var (recorded, scanTook) = await ScanAsync(provider);
            scans++;
            var done = (long)(await data.CreateCommand(DoneSql).ExecuteScalarAsync())!;
            var end = DateTimeOffset.UtcNow;
            Console.WriteLine($"scan {scans} at T+{(started - moment).TotalSeconds:F1} s: {recorded} levels in {scanTook.TotalSeconds:F1} s; {done}/{chosen} overdue recorded at T+{(end - moment).TotalSeconds:F1} s");
            if (done >= chosen || scans > 40)
            {
                Console.WriteLine($"B5: {(done >= chosen ? "all" : "NOT all")} {chosen} escalated {(end - moment).TotalSeconds:F1} s after the moment ({recorded / Math.Max(scanTook.TotalSeconds, 0.001):F0} levels/s in the last scan)");
                return done >= chosen ? 0 : 1;
            }
            // The next tick after this scan ended (a running scan makes the ticks meanwhile do nothing).
            next = new DateTimeOffset((DateTimeOffset.UtcNow.Ticks / Tick.Ticks + 1) * Tick.Ticks, TimeSpan.Zero) + Polling;
        }
    }
}
