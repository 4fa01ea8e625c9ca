using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Auth;

/// <summary>Channels by phone number id, cached briefly (every call looks its channel up); admin changes invalidate the cache.</summary>
internal sealed class ChannelDirectory(IAccountStore store, TimeProvider time)
{
    private readonly ShortLivedCache<Channel> _channels = new(time);

    /// <summary>The store's lookup as a delegate made once (a method group passed on each call is a new delegate each time).</summary>
    private Func<string, CancellationToken, Task<Channel?>> Load => field ??= store.GetChannelAsync;

    public ValueTask<Channel?> GetChannelAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        _channels.GetOrLoadAsync(phoneNumberId, Load, cancellationToken);

    public void Invalidate() => _channels.Clear();
}
