namespace Parley.Bench;

/// <summary>Whether the machine went idle; Busy and Others (null: unknown) are shares of the last sample.</summary>
internal readonly record struct IdleCheck(bool Idle, double Busy, double? Others, TimeSpan Waited);

/// <summary>
/// Waits, boundedly, until the machine's CPUs are mostly idle before a measured run, so that work a
/// server keeps doing after the previous run (draining a queue, checkpointing) is not charged to the
/// next one. The generator shares the CPUs with the servers, so this matters on a small machine. When
/// our own processes are quiet and only other processes keep the machine busy, waiting cannot help:
/// it stops at once (the run is then marked disturbed by its own measurement).
/// </summary>
internal static class Quiesce
{
    private const double IdleBelow = 0.15;
    private const double OursQuietBelow = 0.05;
    private static readonly TimeSpan Sample = TimeSpan.FromMilliseconds(500);

    public static async Task<IdleCheck> WaitForIdleAsync(CpuWatch cpu, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (maxWait <= TimeSpan.Zero || !CpuWatch.IsAvailable)
        {
            return new IdleCheck(true, 0, null, TimeSpan.Zero);
        }

        var waited = TimeSpan.Zero;
        var previous = cpu.Take();
        var busy = 1.0;
        double? others = null;
        while (waited < maxWait)
        {
            await Task.Delay(Sample, cancellationToken);
            waited += Sample;
            var current = cpu.Take();
            busy = CpuWatch.BusyShare(previous, current);
            others = cpu.OthersShare(previous, current);
            previous = current;
            if (busy < IdleBelow)
            {
                return new IdleCheck(true, busy, others, waited);
            }

            if (others is { } share && busy - share < OursQuietBelow)
            {
                return new IdleCheck(false, busy, others, waited);
            }
        }

        return new IdleCheck(false, busy, others, waited);
    }
}
