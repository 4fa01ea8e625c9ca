using System.Collections.Concurrent;
using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Auth;

/// <summary>Channels by phone number id, cached briefly (every call looks its channel up); admin changes invalidate the cache.</summary>
internal sealed class ChannelDirectory(IAccountStore store, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (Channel? Channel, DateTimeOffset Until)> _channels = new(StringComparer.Ordinal);

    public async ValueTask<Channel?> GetChannelAsync(string phoneNumberId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_channels.TryGetValue(phoneNumberId, out var cached) && cached.Until > now)
        {
            return cached.Channel;
        }
        var channel = await store.GetChannelAsync(phoneNumberId, cancellationToken);
        _channels[phoneNumberId] = (channel, now + CacheFor);
        return channel;
    }

    public void Invalidate() => _channels.Clear();
}
