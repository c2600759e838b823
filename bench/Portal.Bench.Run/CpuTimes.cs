using System.Diagnostics;
using System.Globalization;

namespace Portal.Bench.Run;

/// <summary>
/// CPU time used so far, read from Linux's /proc: by the portal (this process: the harness is idle while wrk loads it), by
/// PostgreSQL (every process named <c>postgres</c>: the bench's server is on this machine, loopback only) and by the whole
/// machine (every core's busy time: the portal, PostgreSQL, wrk and the kernel's networking). The difference of two readings
/// around a load, divided by the requests it made, is what one request costs each of them.
/// </summary>
public readonly record struct CpuTimes(double PortalMs, double PostgresMs, double MachineMs)
{
    /// <summary>Linux counts /proc's times in USER_HZ ticks, 100 a second on every architecture it runs on.</summary>
    private const double MsPerTick = 10;

    public static bool Available => File.Exists("/proc/stat");

    public static CpuTimes Now()
    {
        if (!Available)
        {
            return default;
        }
        using var self = Process.GetCurrentProcess();
        return new CpuTimes(self.TotalProcessorTime.TotalMilliseconds, PostgresTicks() * MsPerTick, MachineBusyTicks() * MsPerTick);
    }

    public static CpuTimes operator -(CpuTimes after, CpuTimes before) =>
        new(after.PortalMs - before.PortalMs, after.PostgresMs - before.PostgresMs, after.MachineMs - before.MachineMs);

    public CpuTimes Per(long requests) => requests <= 0 ? default : new(PortalMs / requests, PostgresMs / requests, MachineMs / requests);

    /// <summary>The first line of /proc/stat: all cores' ticks in user, nice, system, idle, iowait, irq, softirq, steal, …; busy is all but idle and iowait.</summary>
    private static long MachineBusyTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return fields.Sum() - fields[3] - fields[4];
    }

    /// <summary>utime + stime of every process whose name is postgres (fields 14 and 15 of /proc/PID/stat, after the name in parentheses).</summary>
    private static long PostgresTicks()
    {
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // The name is in parentheses and may itself hold any character, a ')' too: it ends at the last one.
                var nameEnd = stat.LastIndexOf(')');
                if (stat[(stat.IndexOf('(') + 1)..nameEnd] != "postgres")
                {
                    continue;
                }
                var fields = stat[(nameEnd + 2)..].Split(' ');
                // fields[0] is field 3 (state): utime and stime are fields 14 and 15.
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended between the listing and the read: its time is gone either way.
            }
        }
        return ticks;
    }
}
