using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Auth;

/// <summary>Channels by phone number id, cached briefly (every call looks its channel up); admin changes invalidate the cache.</summary>
internal sealed class ChannelDirectory(IAccountStore store, TimeProvider time)
{
    private readonly ShortLivedCache<Channel> _channels = new(time);

    public ValueTask<Channel?> GetChannelAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        _channels.GetOrLoadAsync(phoneNumberId, store.GetChannelAsync, cancellationToken);

    public void Invalidate() => _channels.Clear();
}
