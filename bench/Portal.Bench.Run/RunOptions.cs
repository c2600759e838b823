namespace Portal.Bench.Run;

/// <summary>Thrown for a command line or a machine the harness cannot work with; the message says why.</summary>
public sealed class RunRefusal(string message) : Exception(message);

/// <summary>What <c>bench/run</c> was asked to do.</summary>
public sealed record RunOptions(
    IReadOnlyList<string> Benchmarks, int Rounds, string Connection, string ResultsPath, TimeSpan LoadDuration, int Circuits, bool CatchUp = true)
{
    public static readonly IReadOnlyList<string> All = ["B2", "B3", "B1", "B4", "B5"];

    public const string Usage =
        "usage: bench/run [B1] [B2] [B3] [B4] [B5] [--rounds N (≥ 5)] [--connection \"…\"] [--results bench/RESULTS.md]\n" +
        "                 [--duration SECONDS (wrk, per side and round; default 10)] [--circuits N (B4; default 100)]\n" +
        "                 [--no-catch-up (trying the harness out: the escalation scan then catches up while you measure)]\n" +
        "The connection defaults to $PORTAL_BENCH_CONNECTION: a PostgreSQL database that bench/generate filled.";

    public static RunOptions Parse(string[] args, Func<string, string?> environment, string repositoryRoot)
    {
        var benchmarks = new List<string>();
        var rounds = 5;
        var connection = environment("PORTAL_BENCH_CONNECTION");
        var results = Path.Combine(repositoryRoot, "bench", "RESULTS.md");
        var duration = TimeSpan.FromSeconds(10);
        var circuits = 100;
        var catchUp = true;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new RunRefusal($"{args[i]} needs a value.\n{Usage}");
            int Number(int min)
            {
                var name = args[i];
                var text = Value();
                return int.TryParse(text, out var n) && n >= min ? n : throw new RunRefusal($"{name} must be a whole number ≥ {min}, not \"{text}\".");
            }
            switch (args[i])
            {
                case "--rounds":
                    rounds = Number(5);
                    break;
                case "--connection":
                    connection = Value();
                    break;
                case "--results":
                    results = Path.GetFullPath(Value());
                    break;
                case "--duration":
                    duration = TimeSpan.FromSeconds(Number(1));
                    break;
                case "--circuits":
                    circuits = Number(1);
                    break;
                case "--no-catch-up":
                    catchUp = false;
                    break;
                case "-h" or "--help":
                    throw new RunRefusal(Usage);
                default:
                    var id = args[i].ToUpperInvariant();
                    if (!All.Contains(id))
                    {
                        throw new RunRefusal($"Unknown benchmark or option \"{args[i]}\".\n{Usage}");
                    }
                    if (!benchmarks.Contains(id))
                    {
                        benchmarks.Add(id);
                    }
                    break;
            }
        }
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new RunRefusal("No database: pass --connection \"Host=…;Database=…\" or set PORTAL_BENCH_CONNECTION to the database bench/generate filled.");
        }
        return new RunOptions(benchmarks.Count == 0 ? All : [.. All.Where(benchmarks.Contains)], rounds, connection, results, duration, circuits, catchUp);
    }
}
