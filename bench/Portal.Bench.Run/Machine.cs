using System.Runtime.InteropServices;
using Npgsql;

namespace Portal.Bench.Run;

/// <summary>What the figures were measured on: the machine, the runtime, PostgreSQL and the database's size.</summary>
public sealed record Machine(string Cpu, int Cores, string Memory, string System, string Runtime, string Postgres, string Database, double LoadAverage)
{
    public static async Task<Machine> DescribeAsync(NpgsqlDataSource data)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        var memory = File.Exists("/proc/meminfo")
            ? $"{long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024 / 1024.0:0.0} GiB"
            : "?";
        await using var connection = await data.OpenConnectionAsync();
        async Task<string> Scalar(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToString(await command.ExecuteScalarAsync(), global::System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
        var version = (await Scalar("show server_version")).Split(' ')[0];
        var settings = new List<string>();
        foreach (var name in new[] { "shared_buffers", "work_mem", "effective_cache_size", "synchronous_commit", "fsync" })
        {
            settings.Add($"{name}={await Scalar("show " + name)}");
        }
        var database = $"{await Scalar("select pg_size_pretty(pg_database_size(current_database()))")}: " +
            $"{long.Parse(await Scalar("select count(*) from \"ServiceRequests\"")):N0} requests, " +
            $"{long.Parse(await Scalar("select count(*) from \"ServiceRequests\" where \"State\" not in ('Closed', 'Withdrawn')")):N0} open, " +
            $"{long.Parse(await Scalar("select count(*) from \"RequestEvents\"")):N0} timeline entries, " +
            $"{long.Parse(await Scalar("select count(*) from \"Escalations\"")):N0} escalation records";
        return new Machine(
            cpu, Environment.ProcessorCount, memory, RuntimeInformation.OSDescription,
            $"{RuntimeInformation.FrameworkDescription}, server GC", $"PostgreSQL {version} on the same machine ({string.Join(", ", settings)})", database,
            CurrentLoad());
    }

    /// <summary>The one-minute load average: anything else running skews every figure.</summary>
    public static double CurrentLoad() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], global::System.Globalization.CultureInfo.InvariantCulture) : 0;

    public string Describe() =>
        $"- CPU: {Cpu}, {Cores} cores; memory {Memory}; {System}\n" +
        $"- {Runtime}; the portal runs in the harness's process (Kestrel on 127.0.0.1), in the Production environment, with its job server\n" +
        $"- {Postgres}\n" +
        $"- Database at the start: {Database}\n" +
        $"- Load average (1 min) at the start: {LoadAverage:0.00}";
}
