namespace Parley.Bench;

/// <summary>CPU time from /proc in clock ticks summed over all CPUs: the machine's, and that of the watched processes.</summary>
internal readonly record struct CpuSample(long Busy, long Total, long Watched);

/// <summary>
/// Tells whether a run had the machine to itself. The generator and the servers are "ours"; any other busy
/// CPU time during a run (a build, a test suite) disturbed the numbers. Linux only; elsewhere it knows nothing.
/// </summary>
internal sealed class CpuWatch(IReadOnlyList<int> serverPids)
{
    public static bool IsAvailable { get; } = File.Exists("/proc/stat");

    public CpuSample Take()
    {
        if (!IsAvailable)
        {
            return default;
        }

        var (busy, total) = ReadMachine();
        var watched = serverPids.Append(Environment.ProcessId).Sum(ReadProcess);
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

    // First line of /proc/stat: "cpu user nice system idle iowait irq softirq steal guest guest_nice";
    // guest time is already part of user time.
    private static (long Busy, long Total) ReadMachine()
    {
        using var reader = new StreamReader("/proc/stat");
        var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
        var total = fields.Sum();
        return (total - fields[3] - fields[4], total);
    }

    // /proc/<pid>/stat: utime and stime are fields 14 and 15; the command name (field 2) may contain spaces.
    private static long ReadProcess(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        catch (IOException)
        {
            return 0; // the process is gone; its failures show up as errors in the run
        }
    }
}
