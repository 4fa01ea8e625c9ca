using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Parley.Server.Configuration;
using Parley.Storage;

namespace Parley.Server.Delivery;

/// <summary>What one claim of a channel gave this node: jobs to run, the channel's in-flight limit, and when each job must go by.</summary>
/// <param name="SendBy">
/// A job whose pacing slot comes after this goes back to the queue instead of being sent: the claim's jobs wait for
/// their slots within a quarter-lease, so a job reaches the upstream while its lease is fresh.
/// </param>
internal sealed record ChannelClaim(IReadOnlyList<DispatchJob> Jobs, int Limit, DateTimeOffset SendBy)
{
    public static readonly ChannelClaim None = new([], 0, DateTimeOffset.MinValue);
}

/// <summary>
/// The channels this node dispatches and how many of each one's jobs it holds at once. Before claiming, the node takes
/// or renews the channel's lease (one node paces a channel at a time); it claims as many jobs as may wait for their
/// pacing slots within a quarter of the lease, and claims again only once half of those are done, so a deep backlog
/// costs one claim per half-batch. A busy owner still renews every eighth of the lease; a node that lost the channel
/// asks again a quarter-lease later. While its jobs run, the owner renews their leases with the channel's (every eighth
/// of the lease), so a send that takes longer than the lease (a slow upstream, a loaded database) is never taken over
/// and sent again by another node; a node that dies stops renewing, and its jobs are taken over when the lease ends.
/// </summary>
internal sealed class ChannelOwnership(IDispatchQueue queue, NodeIdentity node, IOptions<ParleyOptions> options, TimeProvider time)
{
    private readonly DispatchOptions _options = options.Value.Dispatch;
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _notOwnedUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _renewedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HeldClaims> _held = new(StringComparer.Ordinal);

    private TimeSpan LeaseLength => TimeSpan.FromSeconds(_options.LeaseSeconds);

    /// <summary>Takes or renews the channel and claims what room it has for (<see cref="ChannelClaim.None"/> when nothing).</summary>
    public async Task<ChannelClaim> ClaimAsync(string channelId, int messagesPerSecond, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_notOwnedUntil.TryGetValue(channelId, out var notBefore) && now < notBefore)
        {
            return ChannelClaim.None;
        }
        var limit = Limit(messagesPerSecond);
        var current = InFlight(channelId);
        var busy = current > limit / 2;
        if (busy && _renewedAt.TryGetValue(channelId, out var renewed) && now - renewed < LeaseLength / 8)
        {
            return ChannelClaim.None;
        }
        var lease = now + LeaseLength;
        if (!await queue.AcquireChannelAsync(channelId, node.Id, now, lease, cancellationToken))
        {
            _notOwnedUntil[channelId] = now + LeaseLength / 4; // another node paces this channel
            return ChannelClaim.None;
        }
        _notOwnedUntil.TryRemove(channelId, out _);
        _renewedAt[channelId] = now;
        var held = _held.GetOrAdd(channelId, static _ => new HeldClaims());
        if (held.DueForRenewal(now, LeaseLength / 8) is { Count: > 0 } claims)
        {
            await queue.RenewAsync(channelId, claims, lease, cancellationToken);
        }
        if (busy)
        {
            return ChannelClaim.None;
        }
        var jobs = await queue.ClaimAsync(channelId, limit - current, now, lease, cancellationToken);
        held.Add(lease, jobs.Count, now);
        _inFlight.AddOrUpdate(channelId, jobs.Count, (_, n) => n + jobs.Count);
        return new ChannelClaim(jobs, limit, lease - LeaseLength / 4);
    }

    /// <summary>
    /// One of the channel's claimed jobs is done (its lease no longer needs renewing): true when that makes room for the
    /// next part of the backlog.
    /// </summary>
    public bool Release(DispatchJob job, int limit)
    {
        var channelId = job.Message.ChannelId;
        if (_held.TryGetValue(channelId, out var held))
        {
            held.Remove(job.LeaseUntil);
        }
        return _inFlight.AddOrUpdate(channelId, 0, static (_, n) => n - 1) == limit / 2;
    }

    /// <summary>The channel's claimed jobs not done yet.</summary>
    public int InFlight(string channelId) => _inFlight.GetValueOrDefault(channelId);

    /// <summary>The most jobs of a channel held at once: a quarter-lease of sends at its rate, within the configured cap.</summary>
    public int Limit(int messagesPerSecond) => Math.Clamp(messagesPerSecond * _options.LeaseSeconds / 4, 1, _options.MaxInFlightPerChannel);

    /// <summary>A channel's claims with jobs still running on this node, and when their leases were last renewed.</summary>
    private sealed class HeldClaims
    {
        private readonly Dictionary<DateTimeOffset, int> _running = [];
        private readonly Lock _lock = new();
        private DateTimeOffset _renewedAt;

        public void Add(DateTimeOffset claim, int jobs, DateTimeOffset now)
        {
            if (jobs == 0)
            {
                return;
            }
            lock (_lock)
            {
                if (_running.Count == 0)
                {
                    _renewedAt = now;
                }
                _running[claim] = _running.GetValueOrDefault(claim) + jobs;
            }
        }

        public void Remove(DateTimeOffset claim)
        {
            lock (_lock)
            {
                if (_running.TryGetValue(claim, out var jobs))
                {
                    if (jobs <= 1)
                    {
                        _running.Remove(claim);
                    }
                    else
                    {
                        _running[claim] = jobs - 1;
                    }
                }
            }
        }

        /// <summary>The claims to renew now: every running one, once <paramref name="every"/> has passed since the last renewal.</summary>
        public IReadOnlyList<DateTimeOffset> DueForRenewal(DateTimeOffset now, TimeSpan every)
        {
            lock (_lock)
            {
                if (_running.Count == 0 || now - _renewedAt < every)
                {
                    return [];
                }
                _renewedAt = now;
                return [.. _running.Keys];
            }
        }
    }
}
