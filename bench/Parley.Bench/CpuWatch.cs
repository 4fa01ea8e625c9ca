namespace Parley.Bench;

/// <summary>CPU time from /proc in clock ticks summed over all CPUs: the machine's, and that of the watched processes.</summary>
internal readonly record struct CpuSample(long Busy, long Total, long Watched);

/// <summary>
/// Tells whether a run had the machine to itself. The generator, the servers and the PostgreSQL server (when there is
/// one) are "ours"; any other busy CPU time during a run (a build, a test suite) disturbed the numbers. Linux only;
/// elsewhere it knows nothing.
/// </summary>
internal sealed class CpuWatch(IReadOnlyList<int> serverPids, PostgresProcesses? database = null)
{
    /// <summary>The unit of /proc's CPU times (USER_HZ, 100 on every Linux that .NET runs on).</summary>
    public const double TicksPerSecond = 100;

    public static bool IsAvailable { get; } = File.Exists("/proc/stat");

    public CpuSample Take()
    {
        if (!IsAvailable)
        {
            return default;
        }

        var (busy, total) = ReadMachine();
        var watched = serverPids.Append(Environment.ProcessId).Sum(ReadProcess) + (database?.Ticks() ?? 0);
        return new CpuSample(busy, total, watched);
    }

    /// <summary>Share of the whole machine busy between two samples.</summary>
    public static double BusyShare(CpuSample before, CpuSample after)
    {
        var total = after.Total - before.Total;
        return total > 0 ? (double)(after.Busy - before.Busy) / total : 0;
    }

    /// <summary>Share of the whole machine used by anything but the generator and the servers; null when unknown.</summary>
    public double? OthersShare(CpuSample before, CpuSample after)
    {
        var total = after.Total - before.Total;
        if (serverPids.Count == 0 || total <= 0)
        {
            return null;
        }

        var others = after.Busy - before.Busy - (after.Watched - before.Watched);
        return Math.Max(0, (double)others / total);
    }

    /// <summary>utime + stime of one process in clock ticks; 0 when it is gone (its failures show up as errors in the run).</summary>
    public static long ReadProcess(int pid) => ProcStat.Read(pid) is { } stat ? stat.UserTicks + stat.SystemTicks : 0;

    // First line of /proc/stat: "cpu user nice system idle iowait irq softirq steal guest guest_nice";
    // guest time is already part of user time.
    private static (long Busy, long Total) ReadMachine()
    {
        using var reader = new StreamReader("/proc/stat");
        var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
        var total = fields.Sum();
        return (total - fields[3] - fields[4], total);
    }
}

/// <summary>The fields of /proc/&lt;pid&gt;/stat the bench needs (CPU times in clock ticks).</summary>
internal readonly record struct ProcStat(int ParentPid, long UserTicks, long SystemTicks, long ChildUserTicks, long ChildSystemTicks)
{
    // The command name (field 2) may contain spaces; after it: state (3), ppid (4), …, utime (14), stime (15), cutime (16), cstime (17).
    public static ProcStat? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return new ProcStat(int.Parse(fields[1]), long.Parse(fields[11]), long.Parse(fields[12]), long.Parse(fields[13]), long.Parse(fields[14]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>
/// A PostgreSQL server's CPU: the postmaster, every live child (backends, checkpointer, WAL writer…) and, through the
/// postmaster's cutime/cstime, the children that already exited, so a backend that ends between two samples is not lost.
/// </summary>
internal sealed class PostgresProcesses(int postmasterPid)
{
    public int PostmasterPid => postmasterPid;

    public long Ticks()
    {
        if (ProcStat.Read(postmasterPid) is not { } postmaster)
        {
            return 0;
        }

        var ticks = postmaster.UserTicks + postmaster.SystemTicks + postmaster.ChildUserTicks + postmaster.ChildSystemTicks;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && pid != postmasterPid
                && ProcStat.Read(pid) is { } child && child.ParentPid == postmasterPid)
            {
                ticks += child.UserTicks + child.SystemTicks;
            }
        }

        return ticks;
    }
}
