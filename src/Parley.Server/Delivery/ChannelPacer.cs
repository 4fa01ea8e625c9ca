using System.Collections.Concurrent;

namespace Parley.Server.Delivery;

/// <summary>
/// Paces each channel to its messages per second: every send reserves the next free slot on the channel's
/// timeline (slots 1/rate apart), so a backlog drains at exactly the configured rate. When the upstream says the
/// channel goes too fast (<see cref="SlowDown"/>), the rate is halved, and it doubles back every
/// <see cref="RecoveryInterval"/> without another complaint.
/// </summary>
internal sealed class ChannelPacer(TimeProvider time)
{
    /// <summary>How long a slow-down lasts per halving: the rate doubles back after this long without another one.</summary>
    public static readonly TimeSpan RecoveryInterval = TimeSpan.FromSeconds(10);

    /// <summary>The slowest a channel gets: 1/16 of its rate.</summary>
    private const int MaxHalvings = 4;

    private readonly ConcurrentDictionary<string, Timeline> _timelines = new(StringComparer.Ordinal);

    /// <summary>How long to wait before sending the next message of <paramref name="channelId"/>.</summary>
    public TimeSpan Reserve(string channelId, int messagesPerSecond)
    {
        var timeline = _timelines.GetOrAdd(channelId, static _ => new Timeline());
        var now = time.GetUtcNow();
        lock (timeline)
        {
            var interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / Math.Max(1, messagesPerSecond) << timeline.Halvings(now));
            // An idle channel does not bank unused slots: at most one slot of burst.
            var slot = timeline.Next < now ? now : timeline.Next;
            timeline.Next = slot + interval;
            return slot - now;
        }
    }

    /// <summary>The upstream reported the channel's throughput exceeded (130429): halve its rate for a while.</summary>
    public void SlowDown(string channelId)
    {
        var timeline = _timelines.GetOrAdd(channelId, static _ => new Timeline());
        var now = time.GetUtcNow();
        lock (timeline)
        {
            timeline.SlowedHalvings = Math.Min(MaxHalvings, timeline.Halvings(now) + 1);
            timeline.SlowedAt = now;
            // Slots handed out at the old rate are void: their holders see the new generation and reserve again.
            timeline.Generation++;
            timeline.Next = now;
        }
    }

    /// <summary>When the channel's next free slot is, without taking it.</summary>
    public DateTimeOffset NextSlot(string channelId)
    {
        var timeline = _timelines.GetOrAdd(channelId, static _ => new Timeline());
        var now = time.GetUtcNow();
        lock (timeline)
        {
            return timeline.Next < now ? now : timeline.Next;
        }
    }

    /// <summary>Changes with every slow-down: a sender that waited for a slot reserves again when it changed meanwhile.</summary>
    public long Generation(string channelId)
    {
        var timeline = _timelines.GetOrAdd(channelId, static _ => new Timeline());
        lock (timeline)
        {
            return timeline.Generation;
        }
    }

    /// <summary>The share of its configured rate the channel is paced at now: 1, ½, ¼, …</summary>
    public double RateFactor(string channelId)
    {
        var timeline = _timelines.GetOrAdd(channelId, static _ => new Timeline());
        lock (timeline)
        {
            return 1.0 / (1 << timeline.Halvings(time.GetUtcNow()));
        }
    }

    private sealed class Timeline
    {
        public DateTimeOffset Next { get; set; } = DateTimeOffset.MinValue;
        public int SlowedHalvings { get; set; }
        public long Generation { get; set; }
        public DateTimeOffset SlowedAt { get; set; }

        /// <summary>How many times the rate is halved now: each recovery interval since the last slow-down takes one back.</summary>
        public int Halvings(DateTimeOffset now) =>
            SlowedHalvings == 0 ? 0 : Math.Max(0, SlowedHalvings - (int)Math.Min(MaxHalvings, (now - SlowedAt) / RecoveryInterval));
    }
}
