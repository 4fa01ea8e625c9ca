using Parley.Core.Errors;
using Parley.Core.Model;

namespace Parley.Server.Upstreams;

/// <summary>How Parley reaches WhatsApp for a channel: the simulated network or Meta's Cloud API.</summary>
internal interface IUpstream
{
    /// <summary>The <see cref="Channel.Upstream"/> kind this serves.</summary>
    string Kind { get; }

    /// <summary>
    /// What time it is on this network: the customer service window is measured on it. The sandbox's clock can be
    /// advanced by its simulator; Meta's network runs on real time.
    /// </summary>
    TimeProvider Clock { get; }

    Task<UpstreamResult> SendAsync(Channel channel, OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>How often the channel may write to one user (null: no pair limit to keep). Dispatch paces each pair to it.</summary>
    PairLimit? PairLimitFor(Channel channel) => null;
}

internal abstract record UpstreamResult
{
    /// <summary>The network took the message. <paramref name="Events"/> happened at once (at least <c>sent</c>).</summary>
    public sealed record Sent(IReadOnlyList<UpstreamEvent> Events) : UpstreamResult;

    /// <summary>The network refused the message for good: it fails with this error.</summary>
    public sealed record Rejected(WhatsAppError Error) : UpstreamResult;

    /// <summary>A failure that may pass: try again later.</summary>
    public sealed record Transient(WhatsAppError Error, TimeSpan? RetryAfter = null) : UpstreamResult;
}

/// <summary>Finds the upstream of a channel.</summary>
internal sealed class UpstreamRegistry(IEnumerable<IUpstream> upstreams, TimeProvider time)
{
    private readonly Dictionary<string, IUpstream> _byKind = upstreams.ToDictionary(u => u.Kind, StringComparer.OrdinalIgnoreCase);

    public IUpstream? For(Channel channel) => _byKind.GetValueOrDefault(channel.Upstream);

    /// <summary>The time on the network the channel sends through (Parley's own time for an upstream not available here).</summary>
    public DateTimeOffset NowFor(Channel channel) => (For(channel)?.Clock ?? time).GetUtcNow();

    public IReadOnlyCollection<string> Kinds => _byKind.Keys;
}

/// <summary>How often a channel may write to one user: one message per <paramref name="Interval"/> after a burst of <paramref name="Burst"/>.</summary>
internal sealed record PairLimit(TimeSpan Interval, int Burst)
{
    /// <summary>
    /// Meta's pair rate limit: 1 message per 6 s from a business number to the same user; bursts borrow from future
    /// quota (up to 45 in 6 s, after which the debt is paid off at the same rate); beyond it 131056 (cloud-api-digest §6).
    /// </summary>
    public static readonly TimeSpan MetaInterval = TimeSpan.FromSeconds(6);
}
