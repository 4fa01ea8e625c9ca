namespace Parley.Bench;

/// <summary>A server under test: its process, and the PostgreSQL server whose CPU is part of its cost (when it uses one).</summary>
internal sealed record Server(string Name, Uri Url, int? Pid, PostgresProcesses? Database = null);

/// <summary>One server's counters at one moment: CPU ticks of its process and of its database, allocated bytes, RSS.</summary>
internal readonly record struct ServerReading(long CpuTicks, long DatabaseTicks, long? Allocated, long? RssBytes);

/// <summary>The machine and every server at one moment.</summary>
internal sealed record Snapshot(CpuSample Machine, IReadOnlyDictionary<string, ServerReading> Servers);

/// <summary>What one server spent over a measured window, and the share of the machine other processes took meanwhile.</summary>
internal sealed record Usage(double CpuMilliseconds, double DatabaseCpuMilliseconds, long? AllocatedBytes, long? RssBytes, double? OtherCpu)
{
    public double TotalCpuMilliseconds => CpuMilliseconds + DatabaseCpuMilliseconds;

    public double? CpuPer(long requests) => requests > 0 ? TotalCpuMilliseconds / requests : null;

    public double? AllocatedPer(long requests) => requests > 0 && AllocatedBytes is { } bytes ? (double)bytes / requests : null;
}

/// <summary>
/// Reads what each server costs: utime+stime from /proc (plus the PostgreSQL server's processes for a server on
/// PostgreSQL), allocated bytes through the server's <see cref="AllocationProbe"/>, and VmRSS.
/// </summary>
internal sealed class ServerMeter(IReadOnlyList<Server> servers, CpuWatch cpu)
{
    public CpuWatch Cpu => cpu;

    public Snapshot Take() => new(
        cpu.Take(),
        servers.ToDictionary(s => s.Name, s => s.Pid is { } pid
            ? new ServerReading(CpuWatch.ReadProcess(pid), s.Database?.Ticks() ?? 0, AllocationProbe.Read(pid), Memory.Rss(pid))
            : default));

    public Usage Between(Snapshot before, Snapshot after, string server)
    {
        var (b, a) = (before.Servers[server], after.Servers[server]);
        return new Usage(
            (a.CpuTicks - b.CpuTicks) * 1000 / CpuWatch.TicksPerSecond,
            (a.DatabaseTicks - b.DatabaseTicks) * 1000 / CpuWatch.TicksPerSecond,
            a.Allocated - b.Allocated,
            a.RssBytes,
            cpu.OthersShare(before.Machine, after.Machine));
    }
}

/// <summary>Resident memory from /proc/&lt;pid&gt;/status.</summary>
internal static class Memory
{
    /// <summary>VmRSS in bytes, or null when the process is gone.</summary>
    public static long? Rss(int pid) => Field(pid, "VmRSS:");

    /// <summary>VmHWM (the peak RSS) in bytes, or null when the process is gone.</summary>
    public static long? Peak(int pid) => Field(pid, "VmHWM:");

    private static long? Field(int pid, string name)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(name, StringComparison.Ordinal))
                {
                    return long.Parse(line[name.Length..].Trim().Split(' ')[0]) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // gone
        }

        return null;
    }
}
