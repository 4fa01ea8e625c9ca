using Microsoft.Extensions.Time.Testing;
using Parley.Server.Delivery;

namespace Parley.Server.Tests.Delivery;

/// <summary>Pacing: a channel's messages take slots exactly 1/rate apart, and an idle channel banks no burst.</summary>
public sealed class ChannelPacerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(80)]
    [InlineData(1000)]
    [InlineData(20)]
    public void BacklogDrainsAtExactlyTheConfiguredRate(int messagesPerSecond)
    {
        var time = new FakeTimeProvider(T0);
        var pacer = new ChannelPacer(time);

        var delays = Enumerable.Range(0, messagesPerSecond * 60).Select(_ => pacer.Reserve("channel", messagesPerSecond)).ToList();

        delays[0].ShouldBe(TimeSpan.Zero);
        var interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / messagesPerSecond);
        delays.Select((d, i) => d == interval * i).ShouldAllBe(exact => exact);
        // A minute of backlog: the last slot starts one interval before the minute is over.
        delays[^1].ShouldBe(TimeSpan.FromMinutes(1) - interval);
    }

    [Fact]
    public void ChannelsArePacedIndependently()
    {
        var pacer = new ChannelPacer(new FakeTimeProvider(T0));

        pacer.Reserve("a", 10).ShouldBe(TimeSpan.Zero);
        pacer.Reserve("b", 10).ShouldBe(TimeSpan.Zero);
        pacer.Reserve("a", 10).ShouldBe(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void IdleChannelDoesNotBankABurst()
    {
        var time = new FakeTimeProvider(T0);
        var pacer = new ChannelPacer(time);
        pacer.Reserve("a", 10);

        time.Advance(TimeSpan.FromMinutes(5));

        pacer.Reserve("a", 10).ShouldBe(TimeSpan.Zero);
        pacer.Reserve("a", 10).ShouldBe(TimeSpan.FromMilliseconds(100));
    }
}
