using System.Collections.Concurrent;
using Parley.Server.Upstreams;

namespace Parley.Server.Delivery;

/// <summary>
/// Paces each (channel, user) pair with a generic cell-rate algorithm: every message adds one interval of debt, and a
/// message may go once the debt ahead of it is at most <c>burst - 1</c> intervals. So a burst up to the allowance goes
/// at once, and whatever follows is spread one per interval — Parley stays inside the limit instead of provoking 131056.
/// </summary>
internal sealed class PairPacer(TimeProvider time)
{
    /// <summary>Pairs untouched for this long are forgotten (their debt is long paid off).</summary>
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<(string Channel, string User), Pair> _pairs = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _held = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    /// <summary>
    /// Reserves <paramref name="messageId"/>'s slot to <paramref name="user"/> and returns how long to wait for it. A message
    /// that was given a slot before (and was put back to wait for it) gets the same slot again.
    /// </summary>
    public TimeSpan Reserve(string channelId, string user, string messageId, PairLimit limit)
    {
        var now = time.GetUtcNow();
        Sweep(now);
        if (_held.TryRemove(messageId, out var held))
        {
            return held > now ? held - now : TimeSpan.Zero;
        }
        var pair = _pairs.GetOrAdd((channelId, user), static _ => new Pair());
        DateTimeOffset slot;
        lock (pair)
        {
            var tolerance = limit.Interval * (Math.Max(1, limit.Burst) - 1);
            var debtEnd = pair.DebtEnd < now ? now : pair.DebtEnd;
            slot = debtEnd - tolerance < now ? now : debtEnd - tolerance;
            pair.DebtEnd = (debtEnd > slot ? debtEnd : slot) + limit.Interval;
        }
        return slot - now;
    }

    /// <summary>Keeps the slot <paramref name="messageId"/> was given for when the message comes back to take it.</summary>
    public void Hold(string messageId, TimeSpan delay) => _held[messageId] = time.GetUtcNow() + delay;

    /// <summary>
    /// The upstream reported the pair's limit hit (131056): the burst allowance is used up, so the pair's next message goes
    /// one interval from now at the earliest and the following ones one interval apart.
    /// </summary>
    public void SlowDown(string channelId, string user, PairLimit limit)
    {
        var now = time.GetUtcNow();
        var pair = _pairs.GetOrAdd((channelId, user), static _ => new Pair());
        lock (pair)
        {
            var full = now + limit.Interval * Math.Max(1, limit.Burst);
            pair.DebtEnd = pair.DebtEnd > full ? pair.DebtEnd : full;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        if (now - _lastSweep < ForgetAfter)
        {
            return;
        }
        _lastSweep = now;
        foreach (var (key, pair) in _pairs)
        {
            if (pair.DebtEnd < now - ForgetAfter)
            {
                _pairs.TryRemove(key, out _);
            }
        }
        foreach (var (id, slot) in _held)
        {
            if (slot < now - ForgetAfter)
            {
                _held.TryRemove(id, out _);
            }
        }
    }

    private sealed class Pair
    {
        public DateTimeOffset DebtEnd { get; set; } = DateTimeOffset.MinValue;
    }
}
