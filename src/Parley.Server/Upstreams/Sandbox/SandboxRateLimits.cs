using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Parley.Core.Errors;
using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Core.Profiles;
using Parley.Server.Configuration;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// The simulated network's rate limits on a sandbox number, independent of how Parley paces its own sends: the number's
/// throughput (<see cref="Throughput"/>: 80 mps, 1,000 at the <c>HIGH</c> level, a fixed 20 for a coexistence number) counts inbound and outbound messages in a
/// sliding second on the sandbox clock, and the pair rate limit lets a burst of 45 messages to one user through, then one
/// every 6 s. Meta answers both synchronously on the send, so this is a send check: a send over a limit is refused with
/// 130429 or 131056 in the dialect's error format (a <c>meta</c> Parley relaying to a sandbox Parley retries them as it
/// does Meta's). Counting is in memory, per node: no upstream I/O.
/// </summary>
internal sealed class SandboxRateLimits(SandboxClock clock, IChannelProfileStore profiles, TimeProvider time, IOptions<ParleyOptions> options) : ISendCheck
{
    /// <summary>How long a number's throughput level and coexistence are read from the store before being read again.</summary>
    private static readonly TimeSpan LevelCacheFor = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Window> _numbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Channel, string User), Bucket> _pairs = new();
    private readonly ConcurrentDictionary<string, (int Limit, DateTimeOffset Until)> _levels = new(StringComparer.Ordinal);
    private long _lastSweepTicks;

    /// <summary>A pair untouched for this long has paid back any burst: it is forgotten.</summary>
    private static readonly TimeSpan PairForgottenAfter = Throughput.PairInterval * Throughput.PairBurst;

    /// <summary>After every other check: only a message WhatsApp would take counts against the limits.</summary>
    public int Order => 10;

    private bool Enforced(Channel channel) => options.Value.Sandbox.EnforceRateLimits && channel.Upstream == Channel.SandboxUpstream;

    public async ValueTask<WhatsAppError?> CheckAsync(Channel channel, SendMessageRequest request, CancellationToken cancellationToken)
    {
        if (!Enforced(channel))
        {
            return null;
        }
        var limit = await LimitAsync(channel, cancellationToken);
        var now = clock.GetUtcNow();
        SweepPairs(now);
        var window = _numbers.GetOrAdd(channel.PhoneNumberId, static _ => new Window());
        var pair = request.RecipientType == "group" ? null : _pairs.GetOrAdd((channel.PhoneNumberId, request.To), static _ => new Bucket());
        lock (window)
        {
            window.Slide(now);
            if (window.Count >= limit)
            {
                return Throughput.Exceeded();
            }
            if (pair is not null)
            {
                lock (pair)
                {
                    if (!pair.TryTake(now))
                    {
                        return Throughput.PairExceeded();
                    }
                }
            }
            window.Add(now);
        }
        return null;
    }

    /// <summary>An inbound message to the number: it counts against the number's throughput too.</summary>
    public void Inbound(Channel channel, DateTimeOffset at)
    {
        if (!Enforced(channel))
        {
            return;
        }
        var window = _numbers.GetOrAdd(channel.PhoneNumberId, static _ => new Window());
        lock (window)
        {
            window.Slide(at);
            window.Add(at);
        }
    }

    /// <summary>Forgets idle pairs, at most once a minute.</summary>
    private void SweepPairs(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }
        foreach (var (key, bucket) in _pairs)
        {
            if (bucket.IdleSince(now) > PairForgottenAfter)
            {
                _pairs.TryRemove(new KeyValuePair<(string, string), Bucket>(key, bucket));
            }
        }
    }

    private async ValueTask<int> LimitAsync(Channel channel, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_levels.TryGetValue(channel.PhoneNumberId, out var cached) && cached.Until > now)
        {
            return cached.Limit;
        }
        var stored = await profiles.GetAsync(channel.PhoneNumberId, cancellationToken);
        var level = stored?.Phone.ThroughputLevel ?? PhoneNumberValues.ThroughputFor(channel.MessagesPerSecond);
        var limit = Throughput.MessagesPerSecond(level, stored?.Phone.OnBizApp ?? false);
        _levels[channel.PhoneNumberId] = (limit, now + LevelCacheFor);
        return limit;
    }

    /// <summary>The times of the number's messages in the last second.</summary>
    private sealed class Window
    {
        private readonly Queue<DateTimeOffset> _times = new();

        public int Count => _times.Count;

        public void Slide(DateTimeOffset now)
        {
            while (_times.TryPeek(out var oldest) && oldest <= now - Throughput.Window)
            {
                _times.Dequeue();
            }
        }

        public void Add(DateTimeOffset at) => _times.Enqueue(at);
    }

    /// <summary>A leaky bucket: each message adds one, one drains every <see cref="Throughput.PairInterval"/>, 45 fit.</summary>
    private sealed class Bucket
    {
        private double _level;
        private DateTimeOffset _at = DateTimeOffset.MinValue;

        public TimeSpan IdleSince(DateTimeOffset now)
        {
            lock (this)
            {
                return _at == DateTimeOffset.MinValue ? TimeSpan.MaxValue : now - _at;
            }
        }

        public bool TryTake(DateTimeOffset now)
        {
            if (_at != DateTimeOffset.MinValue && now > _at)
            {
                _level = Math.Max(0, _level - ((now - _at) / Throughput.PairInterval));
            }
            _at = now > _at ? now : _at;
            if (_level + 1 > Throughput.PairBurst)
            {
                return false;
            }
            _level += 1;
            return true;
        }
    }
}
