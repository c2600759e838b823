namespace Portal.Bench.Generate;

/// <summary>bench/generate's entry point: 0 when done, 2 when refused (the message on stderr says why).</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            var options = GeneratorOptions.Parse(args, Environment.GetEnvironmentVariable);
            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            var summary = await new BenchGenerator(options, Console.Error).RunAsync(cancel.Token);
            Console.Out.WriteLine(summary.Describe());
            return 0;
        }
        catch (GeneratorRefusal refusal)
        {
            await Console.Error.WriteLineAsync(refusal.Message);
            return 2;
        }
    }
}
