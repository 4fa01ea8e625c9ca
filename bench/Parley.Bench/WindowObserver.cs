namespace Parley.Bench;

/// <summary>Told by a load when its measured window starts and ends (warmup excluded), so counters are read exactly then.</summary>
internal interface IWindowObserver
{
    void Started();

    void Ended();
}

/// <summary>Takes a <see cref="Snapshot"/> of every server at the start and the end of a measured window.</summary>
internal sealed class SnapshotWindow(ServerMeter meter) : IWindowObserver
{
    public Snapshot? Start { get; private set; }

    public Snapshot? End { get; private set; }

    public void Started() => Start = meter.Take();

    public void Ended() => End = meter.Take();

    public Usage UsageOf(string server) =>
        meter.Between(Start ?? throw new InvalidOperationException("The window never started."), End ?? meter.Take(), server);
}
