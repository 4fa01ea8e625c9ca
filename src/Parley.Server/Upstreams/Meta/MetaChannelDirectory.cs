using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Upstreams.Meta;

/// <summary>A <c>meta</c> channel with its parsed settings.</summary>
internal sealed record MetaChannel(Channel Channel, MetaSettings Settings);

/// <summary>
/// The <c>meta</c> channels, for the webhook receiver: whose verify token, whose app secret, which of Meta's phone number
/// ids. Read from the store at most every <see cref="MaxAge"/>, and at once when a lookup misses (a channel just created).
/// </summary>
internal sealed class MetaChannelDirectory(IAccountStore store, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private volatile Snapshot? _snapshot;

    public async Task<IReadOnlyList<MetaChannel>> AllAsync(bool fresh, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!fresh && _snapshot is { } snapshot && now - snapshot.At < MaxAge)
        {
            return snapshot.Channels;
        }
        var channels = (await store.ListChannelsAsync(null, cancellationToken))
            .Where(c => MetaSettings.IsMeta(c.Upstream))
            .Select(c => MetaSettings.Parse(c.UpstreamSettings) is { } settings ? new MetaChannel(c, settings) : null)
            .OfType<MetaChannel>()
            .ToList();
        _snapshot = new Snapshot(now, channels);
        return channels;
    }

    private sealed record Snapshot(DateTimeOffset At, IReadOnlyList<MetaChannel> Channels);
}
