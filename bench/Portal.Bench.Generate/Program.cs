using Portal.Bench.Generate;

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
    Console.Error.WriteLine(refusal.Message);
    return 2;
}
