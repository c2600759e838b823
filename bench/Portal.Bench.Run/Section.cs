using System.Text;

namespace Portal.Bench.Run;

/// <summary>One target of a benchmark: what it asks, what was measured, whether it holds.</summary>
public sealed record Verdict(string What, string Target, string Measured, bool Met);

/// <summary>A benchmark's part of RESULTS.md: its verdicts first, then how it was measured and every round.</summary>
public sealed class Section(string id, string title)
{
    public string Id { get; } = id;

    public List<Verdict> Verdicts { get; } = [];

    public StringBuilder Details { get; } = new();

    public string Render(Machine machine, DateTimeOffset at, int rounds)
    {
        var text = new StringBuilder();
        text.AppendLine($"## {Id}: {title}").AppendLine();
        text.AppendLine($"Measured {at:yyyy-MM-dd HH:mm} UTC, {rounds} rounds; load average at the start {machine.LoadAverage:0.00}.").AppendLine();
        text.AppendLine("| what | target | measured (median of the rounds) | |").AppendLine("|---|---|---|---|");
        foreach (var v in Verdicts)
        {
            text.AppendLine($"| {v.What} | {v.Target} | {v.Measured} | {(v.Met ? "met" : "**missed**")} |");
        }
        text.AppendLine().Append(Details);
        return text.ToString();
    }
}
