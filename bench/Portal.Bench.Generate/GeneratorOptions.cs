using System.Globalization;

namespace Portal.Bench.Generate;

/// <summary>What <c>bench/generate</c> was asked for; <see cref="Parse"/> refuses anything it does not understand.</summary>
public sealed record GeneratorOptions
{
    public const string ConnectionVariable = "PORTAL_BENCH_CONNECTION";
    public const int DefaultRequests = 1_000_000;
    public const int DefaultEnterprises = 10_000;
    public const int DefaultSeed = 20261127;

    public string ConnectionString { get; init; } = "";
    public int Requests { get; init; } = DefaultRequests;
    public int Enterprises { get; init; } = DefaultEnterprises;
    public int Seed { get; init; } = DefaultSeed;
    public bool Append { get; init; }

    /// <summary>The end of the three years generated: the "now" the open requests are open at. Default: the start of today (UTC).</summary>
    public DateTimeOffset Until { get; init; } = new(DateTime.UtcNow.Date, TimeSpan.Zero);

    public const string Usage = """
        Usage: bench/generate [--connection "Host=…;Database=…;Username=…"] [--requests N] [--seed S] [--until 2026-11-27T00:00:00Z] [--enterprises N] [--append]

          --connection   PostgreSQL connection string (or set PORTAL_BENCH_CONNECTION)
          --requests     requests to generate (default 1000000)
          --seed         random seed; the same seed, --until and database give the same data (default 20261127)
          --until        the end of the three years generated, the "now" open requests are open at (default: today 00:00 UTC)
          --enterprises  enterprises to create (default 10000)
          --append       add to a database that already has requests or enterprises beyond the seed
        """;

    public static GeneratorOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var options = new GeneratorOptions { ConnectionString = environment(ConnectionVariable) ?? "" };
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new GeneratorRefusal($"{args[i]} needs a value.\n{Usage}");
            options = args[i] switch
            {
                "--connection" => options with { ConnectionString = Value() },
                "--requests" => options with { Requests = Count(args[i], Value(), 1) },
                "--enterprises" => options with { Enterprises = Count(args[i], Value(), 100) },
                "--seed" => options with { Seed = Count(args[i], Value(), 0) },
                "--until" => options with { Until = Instant(Value()) },
                "--append" => options with { Append = true },
                _ => throw new GeneratorRefusal($"Unknown option {args[i]}.\n{Usage}"),
            };
        }
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new GeneratorRefusal($"No database: pass --connection or set {ConnectionVariable}.\n{Usage}");
        }
        return options;
    }

    private static int Count(string option, string text, int minimum) =>
        int.TryParse(text.Replace("_", "").Replace(",", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= minimum
            ? n
            : throw new GeneratorRefusal($"{option} wants a whole number of at least {minimum}, not \"{text}\".");

    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : throw new GeneratorRefusal($"--until wants an instant such as 2026-11-27T00:00:00Z, not \"{text}\".");
}

/// <summary>Bad input: told to the person running the generator, who can fix it; nothing was written.</summary>
public sealed class GeneratorRefusal(string message) : Exception(message);
