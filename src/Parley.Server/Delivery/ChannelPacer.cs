using System.Collections.Concurrent;

namespace Parley.Server.Delivery;

/// <summary>
/// Paces each channel to its messages per second: every send reserves the next free slot on the channel's
/// timeline (slots 1/rate apart), so a backlog drains at exactly the configured rate.
/// </summary>
internal sealed class ChannelPacer(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Timeline> _timelines = new(StringComparer.Ordinal);

    /// <summary>How long to wait before sending the next message of <paramref name="channelId"/>.</summary>
    public TimeSpan Reserve(string channelId, int messagesPerSecond)
    {
        var timeline = _timelines.GetOrAdd(channelId, static _ => new Timeline());
        var interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / Math.Max(1, messagesPerSecond));
        var now = time.GetUtcNow();
        lock (timeline)
        {
            // An idle channel does not bank unused slots: at most one slot of burst.
            var slot = timeline.Next < now ? now : timeline.Next;
            timeline.Next = slot + interval;
            return slot - now;
        }
    }

    private sealed class Timeline
    {
        public DateTimeOffset Next { get; set; } = DateTimeOffset.MinValue;
    }
}
