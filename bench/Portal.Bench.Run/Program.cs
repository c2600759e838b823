using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Portal.Bench.Run;

/// <summary>bench/run's entry point (bench/README.md): 0 when every benchmark ran, 2 when refused.</summary>
public static partial class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            var root = RepositoryRoot();
            var options = RunOptions.Parse(args, Environment.GetEnvironmentVariable, root);
            var log = Console.Error;
            await using var data = NpgsqlDataSource.Create(options.Connection);
            var load = Machine.CurrentLoad();
            if (load > 0.5 * Environment.ProcessorCount)
            {
                log.WriteLine($"Warning: the load average is {load:0.00} on {Environment.ProcessorCount} cores; the figures will show it.");
            }
            var users = await BenchUsers.LoadAsync(data);
            // What earlier runs left in the outbox (B5's rounds queue some 140,000 e-mails) would be delivered in the
            // background of every measurement of this one.
            var leftOver = await SetAsidePendingMailAsync(data, "left pending by earlier runs", log);
            await using var portal = new BenchPortal(options.Connection);
            portal.StartServer();
            log.WriteLine($"The portal listens on {portal.Address}.");
            // The portal stopping under a run (a background service failing stops the host) would otherwise show only as
            // a disposed service provider in whatever benchmark ran next: say who stopped it.
            portal.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() =>
                log.WriteLine($"The portal is stopping, from:{Environment.NewLine}{Environment.StackTrace}"));
            var catchUp = "skipped (--no-catch-up): these figures are not comparable";
            if (options.CatchUp)
            {
                catchUp = await B5Escalation.CatchUpAsync(portal, log);
                catchUp += "; " + await SetAsidePendingMailAsync(data, "it queued", log);
            }
            catchUp += $"; before it, {leftOver}";
            var machine = await Machine.DescribeAsync(data);
            var sections = new List<Section>();
            var started = DateTimeOffset.UtcNow;
            foreach (var id in options.Benchmarks)
            {
                var clock = Stopwatch.StartNew();
                sections.Add(id switch
                {
                    "B1" => await B1Throughput.RunAsync(portal, options, log),
                    "B2" => await B2Queries.RunAsync(portal, data, users, options, log),
                    "B3" => await B3Figures.RunAsync(portal, data, users, options, log),
                    "B4" => await B4Circuits.RunAsync(portal, options, log),
                    "B5" => await B5Escalation.RunAsync(data, catchUp, options, log),
                    _ => throw new RunRefusal($"Unknown benchmark {id}."),
                });
                log.WriteLine($"{id} took {clock.Elapsed:m\\:ss}.");
                // After each benchmark, so that a run stopped later keeps what it measured.
                Write(options.ResultsPath, machine, started, options.Rounds, sections);
            }
            foreach (var verdict in sections.SelectMany(s => s.Verdicts.Select(v => (s.Id, v))))
            {
                Console.Out.WriteLine($"{verdict.Id}  {verdict.v.What}: {verdict.v.Measured} (target {verdict.v.Target}) {(verdict.v.Met ? "met" : "MISSED")}");
            }
            Console.Out.WriteLine($"Written to {options.ResultsPath}.");
            return 0;
        }
        catch (RunRefusal refusal)
        {
            await Console.Error.WriteLineAsync(refusal.Message);
            return 2;
        }
    }

    /// <summary>
    /// Pending e-mails (the catch-up's: about nine per level, its people and the supervisors; or what earlier runs left)
    /// are marked delivered without being sent: delivering them at the outbox's pace would load every measurement for
    /// many minutes. The outbox's own throughput is not one of the benchmarks.
    /// </summary>
    private static async Task<string> SetAsidePendingMailAsync(NpgsqlDataSource data, string whose, TextWriter log)
    {
        await using var command = data.CreateCommand(
            "update \"OutboxMessages\" set \"State\" = 'Delivered', \"DeliveredAt\" = now(), \"ClaimedBy\" = null, \"ClaimedUntil\" = null where \"State\" = 'Pending'");
        command.CommandTimeout = 0;
        var set = await command.ExecuteNonQueryAsync();
        log.WriteLine($"Set aside {set:N0} e-mails {whose} (marked delivered, not sent).");
        return $"{set:N0} e-mails {whose} were marked delivered without sending";
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Portal.sln")))
            {
                return folder.FullName;
            }
        }
        throw new RunRefusal("Run bench/run from inside the repository.");
    }

    /// <summary>Writes RESULTS.md: the sections run now replace their earlier versions; the others stay as they were.</summary>
    private static void Write(string path, Machine machine, DateTimeOffset at, int rounds, IReadOnlyList<Section> sections)
    {
        var kept = new Dictionary<string, string>();
        if (File.Exists(path))
        {
            foreach (Match m in Marked().Matches(File.ReadAllText(path)))
            {
                kept[m.Groups[1].Value] = m.Groups[2].Value;
            }
        }
        foreach (var section in sections)
        {
            kept[section.Id] = section.Render(machine, at, rounds);
        }
        var text = new StringBuilder();
        text.AppendLine("# Benchmark results / 性能基准结果").AppendLine();
        text.AppendLine("Written by `bench/run` (bench/README.md) on the database `bench/generate` fills with 1,000,000 requests; do not edit by hand. " +
            "Each section says when it was measured; the machine below is the last run's.").AppendLine();
        text.AppendLine($"## Machine (last run, {at:yyyy-MM-dd HH:mm} UTC)").AppendLine().AppendLine(machine.Describe()).AppendLine();
        foreach (var id in kept.Keys.Order(StringComparer.Ordinal))
        {
            text.AppendLine($"<!-- {id} -->").Append(kept[id]).AppendLine($"<!-- /{id} -->").AppendLine();
        }
        File.WriteAllText(path, text.ToString());
    }

    [GeneratedRegex(@"<!-- (B\d) -->\r?\n(.*?)<!-- /\1 -->", RegexOptions.Singleline)]
    private static partial Regex Marked();
}
