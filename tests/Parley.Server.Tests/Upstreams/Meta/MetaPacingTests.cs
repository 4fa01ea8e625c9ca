using Microsoft.Extensions.Time.Testing;
using Parley.Server.Delivery;

using Parley.Server.Upstreams;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// Pacing for Meta's limits on the injected clock: the pair limit (a burst, then one message per 6 s to the same user)
/// and the channel slow-down after 130429 (rate halved, recovering step by step).
/// </summary>
public sealed class MetaPacingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly PairLimit Limit = new(PairLimit.MetaInterval, Burst: 10);

    [Fact]
    public void BurstToOneUserBeyondTheAllowanceIsSpreadAtOnePerSixSeconds()
    {
        var pairs = new PairPacer(new FakeTimeProvider(T0));

        var delays = Enumerable.Range(0, 25).Select(i => pairs.Reserve("channel", "16505551234", $"m{i}", Limit)).ToList();

        delays.Take(10).ShouldAllBe(d => d == TimeSpan.Zero, "the burst allowance goes at once");
        delays.Skip(10).Select((d, i) => d == TimeSpan.FromSeconds(6 * (i + 1))).ShouldAllBe(exact => exact, string.Join(", ", delays));
    }

    [Fact]
    public void PairsArePacedIndependentlyAndAnIdlePairRegainsItsBurst()
    {
        var time = new FakeTimeProvider(T0);
        var pairs = new PairPacer(time);
        for (var i = 0; i < 10; i++)
        {
            pairs.Reserve("channel", "user-a", $"a{i}", Limit);
        }

        pairs.Reserve("channel", "user-a", "a10", Limit).ShouldBe(TimeSpan.FromSeconds(6));
        pairs.Reserve("channel", "user-b", "b0", Limit).ShouldBe(TimeSpan.Zero, "another user is another pair");
        pairs.Reserve("other", "user-a", "o0", Limit).ShouldBe(TimeSpan.Zero, "another channel is another pair");

        time.Advance(TimeSpan.FromSeconds(6 * 11)); // the debt is paid off
        Enumerable.Range(0, 10).Select(i => pairs.Reserve("channel", "user-a", $"c{i}", Limit)).ShouldAllBe(d => d == TimeSpan.Zero);
    }

    [Fact]
    public void MessagePutBackToWaitGetsTheSameSlotWhenItComesBack()
    {
        var time = new FakeTimeProvider(T0);
        var pairs = new PairPacer(time);
        var single = new PairLimit(PairLimit.MetaInterval, Burst: 1);
        pairs.Reserve("channel", "user", "first", single).ShouldBe(TimeSpan.Zero);
        var wait = pairs.Reserve("channel", "user", "second", single);
        wait.ShouldBe(TimeSpan.FromSeconds(6));
        pairs.Hold("second", wait);

        time.Advance(TimeSpan.FromSeconds(6));

        pairs.Reserve("channel", "user", "second", single).ShouldBe(TimeSpan.Zero, "its slot was kept");
        pairs.Reserve("channel", "user", "third", single).ShouldBe(TimeSpan.FromSeconds(6), "the kept slot is not given to another");
    }

    [Fact]
    public void PairLimitHitUsesUpTheBurstSoTheNextMessageWaitsOneInterval()
    {
        var time = new FakeTimeProvider(T0);
        var pairs = new PairPacer(time);
        pairs.Reserve("channel", "user", "m0", Limit).ShouldBe(TimeSpan.Zero);

        pairs.SlowDown("channel", "user", Limit);

        pairs.Reserve("channel", "user", "m1", Limit).ShouldBe(TimeSpan.FromSeconds(6));
        pairs.Reserve("channel", "user", "m2", Limit).ShouldBe(TimeSpan.FromSeconds(12));
    }

    [Fact]
    public void RateLimitHitHalvesTheChannelsRateWhichRecoversStepByStep()
    {
        var time = new FakeTimeProvider(T0);
        var pacer = new ChannelPacer(time);
        pacer.Reserve("channel", 80).ShouldBe(TimeSpan.Zero);
        var generation = pacer.Generation("channel");

        pacer.SlowDown("channel");

        pacer.Generation("channel").ShouldNotBe(generation, "slots handed out before are void");
        pacer.RateFactor("channel").ShouldBe(0.5);
        var interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / 80);
        pacer.Reserve("channel", 80).ShouldBe(TimeSpan.Zero);
        pacer.Reserve("channel", 80).ShouldBe(interval * 2, "40 mps now");

        pacer.SlowDown("channel");
        pacer.RateFactor("channel").ShouldBe(0.25);

        time.Advance(ChannelPacer.RecoveryInterval);
        pacer.RateFactor("channel").ShouldBe(0.5);
        time.Advance(ChannelPacer.RecoveryInterval);
        pacer.RateFactor("channel").ShouldBe(1);
        var next = pacer.Reserve("channel", 80);
        pacer.Reserve("channel", 80).ShouldBe(next + interval, "back to 80 mps");
    }

    [Fact]
    public void RepeatedRateLimitHitsSlowTheChannelToASixteenthAtMost()
    {
        var pacer = new ChannelPacer(new FakeTimeProvider(T0));
        for (var i = 0; i < 10; i++)
        {
            pacer.SlowDown("channel");
        }
        pacer.RateFactor("channel").ShouldBe(1.0 / 16);
    }
}
