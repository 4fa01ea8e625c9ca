namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// The simulated network's clock: Parley's clock plus an offset the simulator API can advance, so a test can step
/// past the 24-hour window without waiting. Only the sandbox reads it; Parley's own scheduling keeps real time.
/// </summary>
internal sealed class SandboxClock(TimeProvider time) : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => time.GetUtcNow() + Offset;

    public override long GetTimestamp() => time.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        time.CreateTimer(callback, state, dueTime, period);

    public TimeSpan Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        return TimeSpan.FromTicks(Interlocked.Add(ref _offsetTicks, by.Ticks));
    }

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
