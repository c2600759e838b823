using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Bench.Run;

/// <summary>
/// B1: a commissioner's queue page, signed in and prerendered, against <c>/health/live</c> (the floor: the same
/// server answering with no work), each loaded by wrk with 8 connections in turn.
/// </summary>
public static partial class B1Throughput
{
    private const int Connections = 8;

    /// <summary>The least share of health's throughput the queue page must reach.</summary>
    private const double TargetRatio = 0.02;

    /// <summary>One wrk load: its rate, latencies and errors, and the CPU one of its requests cost (<see cref="CpuTimes"/>).</summary>
    private sealed record WrkRun(double RequestsPerSecond, double P50, double P99, long Errors, CpuTimes PerRequest, double MachineBusy);

    public static async Task<Section> RunAsync(BenchPortal portal, RunOptions options, TextWriter log)
    {
        var section = new Section("B1", "a commissioner's queue page vs /health/live, wrk, 8 connections");
        var cookies = await portal.SignInAsync(BenchUsers.CommissionerEmail, BenchUsers.Password);
        var cookie = string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}"));
        var queue = new Uri(portal.Address, "/workspace");
        var health = new Uri(portal.Address, "/health/live");
        // Not a side of the target: the same signed-in layout (app bar, bell, navigation) around the not-found text, what
        // any page of this stack (Blazor prerendering, MudBlazor) costs before its own content.
        var layout = new Uri(portal.Address, "/bench-no-such-page");
        var rows = await CheckQueueAsync(queue, cookie);
        log.WriteLine($"B1: the queue page answers with {rows} rows; warming up until the JIT has tiered the pages' code up …");
        var warmUp = await WarmUpAsync(queue, layout, cookie, log);
        await WrkAsync(health, null, TimeSpan.FromSeconds(3));

        var (queueRuns, healthRuns, layoutRuns) = (new List<WrkRun>(), new List<WrkRun>(), new List<WrkRun>());
        for (var round = 1; round <= options.Rounds; round++)
        {
            healthRuns.Add(await WrkAsync(health, null, options.LoadDuration));
            queueRuns.Add(await WrkAsync(queue, cookie, options.LoadDuration));
            layoutRuns.Add(await WrkAsync(layout, cookie, options.LoadDuration));
            log.WriteLine($"B1: round {round}/{options.Rounds}: queue {queueRuns[^1].RequestsPerSecond:0} req/s p99 {queueRuns[^1].P99:0.0} ms; " +
                $"health {healthRuns[^1].RequestsPerSecond:0} req/s; the layout alone {layoutRuns[^1].RequestsPerSecond:0} req/s");
        }
        var p99 = Stats.Median(queueRuns.Select(r => r.P99));
        var ratios = queueRuns.Zip(healthRuns, (q, h) => q.RequestsPerSecond / h.RequestsPerSecond).ToList();
        var ratio = Stats.Median(ratios);
        var errors = queueRuns.Sum(r => r.Errors) + healthRuns.Sum(r => r.Errors);
        var layoutRatio = Stats.Median(layoutRuns.Zip(healthRuns, (l, h) => l.RequestsPerSecond / h.RequestsPerSecond));

        section.Verdicts.Add(new Verdict("queue page latency, p99", "≤ 150 ms", Stats.Ms(p99), p99 <= 150 && errors == 0));
        var (costs, bound) = CpuTimes.Available ? WhereTheTimeGoes(queueRuns, layoutRuns, healthRuns) : ("", double.NaN);
        var bounded = bound < TargetRatio ? $"; the layout and PostgreSQL's work alone allow at most {bound:0.000} (below)" : "";
        section.Verdicts.Add(new Verdict("throughput, queue page / health", $"≥ {TargetRatio}", $"{ratio:0.000} ({Stats.Median(queueRuns.Select(r => r.RequestsPerSecond)):0} / {Stats.Median(healthRuns.Select(r => r.RequestsPerSecond)):0} req/s){bounded}", ratio >= TargetRatio && errors == 0));
        var details = section.Details;
        details.AppendLine($"`wrk -t2 -c{Connections} -d{options.LoadDuration.TotalSeconds:0}s --latency` on each side in turn, after a warm-up ({warmUp}); the queue page is " +
            $"`GET /workspace` with the session cookie of `{BenchUsers.CommissionerEmail}` (the full prerendered page: {rows} rows of the 待受理 tab that need them, " +
            "the tab counts, the filters), the floor is `GET /health/live` on the same server. wrk runs on the same 2 cores as the portal and PostgreSQL.").AppendLine();
        details.AppendLine("Beside them, not a side of the target: **the layout alone**, a signed-in `GET` of an address no page has (the app bar, " +
            "the bell, the navigation around the not-found text): what any page of this stack, Blazor prerendering with MudBlazor, costs " +
            $"before its content. Median ratio to health: {layoutRatio:0.000} ({Stats.Median(layoutRuns.Select(r => r.RequestsPerSecond)):0} req/s, p99 {Stats.Ms(Stats.Median(layoutRuns.Select(r => r.P99)))}).").AppendLine();
        details.AppendLine("| round | queue req/s | queue p50 | queue p99 | health req/s | health p99 | ratio | layout alone req/s | layout alone p99 |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < queueRuns.Count; i++)
        {
            var (q, h, l) = (queueRuns[i], healthRuns[i], layoutRuns[i]);
            details.AppendLine($"| {i + 1} | {q.RequestsPerSecond:0.0} | {Stats.Ms(q.P50)} | {Stats.Ms(q.P99)} | {h.RequestsPerSecond:0} | {Stats.Ms(h.P99)} | {ratios[i]:0.0000} | {l.RequestsPerSecond:0.0} | {Stats.Ms(l.P99)} |");
        }
        details.AppendLine().Append(costs);
        if (errors > 0)
        {
            details.AppendLine().AppendLine($"**{errors} responses were errors or not 2xx/3xx**: the figures do not count.");
        }
        return section;
    }

    /// <summary>
    /// The CPU one request of each side cost the portal, PostgreSQL and the whole machine (medians of the rounds), and what
    /// that leaves of the target: the layout alone plus PostgreSQL's work for the queue page's statements is a floor under
    /// any queue page on this stack that reads what this one reads, however cheap its own code.
    /// </summary>
    private static (string Text, double Bound) WhereTheTimeGoes(List<WrkRun> queue, List<WrkRun> layout, List<WrkRun> health)
    {
        static (double Portal, double Postgres, double Machine, double Busy) Cost(List<WrkRun> runs) => (
            Stats.Median(runs.Select(r => r.PerRequest.PortalMs)), Stats.Median(runs.Select(r => r.PerRequest.PostgresMs)),
            Stats.Median(runs.Select(r => r.PerRequest.MachineMs)), Stats.Median(runs.Select(r => r.MachineBusy)));
        var (q, l, h) = (Cost(queue), Cost(layout), Cost(health));
        var text = new System.Text.StringBuilder();
        text.AppendLine("Where a request's time goes (CPU per request from /proc, medians of the rounds; the machine's figure is every core's busy time, so it holds wrk and the kernel's networking too):").AppendLine()
            .AppendLine("| side | portal | PostgreSQL | the whole machine | machine busy |").AppendLine("|---|---|---|---|---|");
        foreach (var (side, c) in new[] { ("queue page", q), ("the layout alone", l), ("/health/live", h) })
        {
            text.AppendLine($"| {side} | {Stats.Ms(c.Portal)} | {Stats.Ms(c.Postgres)} | {Stats.Ms(c.Machine)} | {c.Busy:P0} |");
        }
        var postgres = Math.Max(0, q.Postgres - l.Postgres);
        var floor = l.Machine + postgres;
        var bound = h.Machine / floor;
        text.AppendLine().AppendLine(
            $"What the target leaves: with the machine busy on both sides, the ratio is health's cost over the queue page's, so at {TargetRatio} a queue " +
            $"request may cost the machine {1 / TargetRatio:0} × {Stats.Ms(h.Machine)} = {Stats.Ms(h.Machine / TargetRatio)}. The layout alone costs {Stats.Ms(l.Machine)} of it, and " +
            $"PostgreSQL's work for the queue page's statements, beyond the layout's, {Stats.Ms(postgres)}: {Stats.Ms(floor)} before the page's own code in " +
            $"the portal (its queries through EF Core, its rendering) costs anything. A queue page that cost the portal nothing beyond the layout " +
            $"would reach at most {bound:0.000} of health's throughput" +
            (bound < TargetRatio ? ": on this machine the target is out of reach of any queue page on this stack that reads what this one reads." : "."));
        return (text.ToString(), bound);
    }

    /// <summary>The queue page must answer 200 with rows for this cookie, or wrk would measure a redirect to the login.</summary>
    private static async Task<int> CheckQueueAsync(Uri queue, string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, queue);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var rows = QueueRow().Count(html);
        if (response.StatusCode != HttpStatusCode.OK || rows == 0)
        {
            throw new RunRefusal($"GET /workspace answered {(int)response.StatusCode} with {rows} queue rows: B1 needs a commissioner whose queue has requests.");
        }
        return rows;
    }

    /// <summary>
    /// Loads the queue page and the layout in turns of 15 s until a turn compiles fewer than <see cref="SettledMethods"/> methods, at
    /// most <see cref="WarmUpLimit"/>: the runtime compiles each method first quickly, then again optimised once it is hot, in
    /// the background; a page of this stack (Blazor, MudBlazor, EF Core) runs some 45,000 methods, and under load the
    /// recompiling takes minutes, during which the page is up to three times dearer. A portal runs for days: the steady
    /// state is what is measured.
    /// </summary>
    private static async Task<string> WarmUpAsync(Uri queue, Uri layout, string cookie, TextWriter log)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            var run = await WrkAsync(queue, cookie, TimeSpan.FromSeconds(12));
            await WrkAsync(layout, cookie, TimeSpan.FromSeconds(3));
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            log.WriteLine($"B1: warming up: {started.Elapsed:m\\:ss}, queue {run.RequestsPerSecond:0} req/s, {compiled} methods compiled in the turn");
            if (compiled < SettledMethods || started.Elapsed >= WarmUpLimit)
            {
                return $"{started.Elapsed:m\\:ss} of the queue page and the layout in turns, until a turn of 15 s compiled {compiled} methods " +
                    $"(the runtime's count: {System.Runtime.JitInfo.GetCompiledMethodCount():N0} in all)";
            }
        }
    }

    private const int SettledMethods = 100;
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromMinutes(5);

    private static async Task<WrkRun> WrkAsync(Uri url, string? cookie, TimeSpan duration)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t2", $"-c{Connections}", $"-d{duration.TotalSeconds:0}s", "--latency", "--timeout", "10s" })
        {
            start.ArgumentList.Add(argument);
        }
        if (cookie is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add("Cookie: " + cookie);
        }
        start.ArgumentList.Add(url.ToString());
        var (before, clock) = (CpuTimes.Now(), Stopwatch.StartNew());
        using var wrk = Process.Start(start) ?? throw new RunRefusal("wrk did not start: apt-get install -y wrk");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var (used, elapsed) = (CpuTimes.Now() - before, clock.Elapsed);
        if (wrk.ExitCode != 0)
        {
            throw new RunRefusal($"wrk failed ({wrk.ExitCode}): {await wrk.StandardError.ReadToEndAsync()}{output}");
        }
        double Latency(string percent) => Millis(Regex.Match(output, $@"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline));
        var rate = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Matches(output).Sum(x => long.Parse(x.Groups[1].Value, CultureInfo.InvariantCulture));
        var requests = long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var busy = used.MachineMs / (elapsed.TotalMilliseconds * Environment.ProcessorCount);
        return new WrkRun(rate, Latency("50"), Latency("99"), errors + socket, used.Per(requests), busy);
    }

    private static double Millis(Match match)
    {
        if (!match.Success)
        {
            throw new RunRefusal("wrk's output has no latency distribution: is this wrk 4?");
        }
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex("data-testid=\"queue-row\"")]
    private static partial Regex QueueRow();
}
