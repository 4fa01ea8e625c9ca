namespace Parley.Bench;

internal readonly record struct IdleCheck(bool Idle, double Busy, TimeSpan Waited);

/// <summary>
/// Waits, boundedly, until the machine's CPUs are mostly idle before a measured run, so that work a
/// server keeps doing after the previous run (draining a queue, checkpointing) is not charged to the
/// next one. The generator shares the CPUs with both servers, so this matters on a small machine.
/// </summary>
internal static class Quiesce
{
    private const double IdleBelow = 0.15;
    private static readonly TimeSpan Sample = TimeSpan.FromMilliseconds(500);

    public static async Task<IdleCheck> WaitForIdleAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (maxWait <= TimeSpan.Zero || !File.Exists("/proc/stat"))
        {
            return new IdleCheck(true, 0, TimeSpan.Zero);
        }

        var waited = TimeSpan.Zero;
        var previous = await ReadCpuAsync(cancellationToken);
        var busy = 1.0;
        while (waited < maxWait)
        {
            await Task.Delay(Sample, cancellationToken);
            waited += Sample;
            var current = await ReadCpuAsync(cancellationToken);
            var total = current.Total - previous.Total;
            busy = total > 0 ? (double)(current.Busy - previous.Busy) / total : 0;
            previous = current;
            if (busy < IdleBelow)
            {
                return new IdleCheck(true, busy, waited);
            }
        }

        return new IdleCheck(false, busy, waited);
    }

    // First line of /proc/stat: "cpu user nice system idle iowait irq softirq steal guest guest_nice",
    // in clock ticks summed over all CPUs; guest time is already part of user time.
    private static async Task<(long Busy, long Total)> ReadCpuAsync(CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync("/proc/stat", cancellationToken);
        var fields = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
        var total = fields.Sum();
        var idle = fields[3] + fields[4];
        return (total - idle, total);
    }
}
