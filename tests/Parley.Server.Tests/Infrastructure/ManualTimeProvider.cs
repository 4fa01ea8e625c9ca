namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A whole Parley host's clock that moves only when told (for media URL and cache expiry), while timers keep real time:
/// the host's background loops must keep running. Unit tests of scheduled code use <c>FakeTimeProvider</c>, whose timers
/// fire only when it is advanced.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
