using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Parley.Server.Configuration;
using Parley.Storage;

namespace Parley.Server.Delivery;

/// <summary>What one claim of a channel gave this node: jobs to run, the channel's in-flight limit, and when each job must go by.</summary>
/// <param name="SendBy">
/// The jobs' lease runs out a quarter-lease after this: past it a job is left alone (another node may take it once the
/// lease ends), so a job is never sent by two nodes because this one was slower than the pace.
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
/// asks again a quarter-lease later.
/// </summary>
internal sealed class ChannelOwnership(IDispatchQueue queue, NodeIdentity node, IOptions<ParleyOptions> options, TimeProvider time)
{
    private readonly DispatchOptions _options = options.Value.Dispatch;
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _notOwnedUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _renewedAt = new(StringComparer.Ordinal);

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
        if (busy)
        {
            return ChannelClaim.None;
        }
        var jobs = await queue.ClaimAsync(channelId, limit - current, now, lease, cancellationToken);
        _inFlight.AddOrUpdate(channelId, jobs.Count, (_, n) => n + jobs.Count);
        return new ChannelClaim(jobs, limit, lease - LeaseLength / 4);
    }

    /// <summary>One of the channel's claimed jobs is done: true when that makes room for the next part of the backlog.</summary>
    public bool Release(string channelId, int limit) => _inFlight.AddOrUpdate(channelId, 0, static (_, n) => n - 1) == limit / 2;

    /// <summary>The channel's claimed jobs not done yet.</summary>
    public int InFlight(string channelId) => _inFlight.GetValueOrDefault(channelId);

    /// <summary>The most jobs of a channel held at once: a quarter-lease of sends at its rate, within the configured cap.</summary>
    public int Limit(int messagesPerSecond) => Math.Clamp(messagesPerSecond * _options.LeaseSeconds / 4, 1, _options.MaxInFlightPerChannel);
}
