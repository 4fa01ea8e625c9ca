using System.Collections.Concurrent;

namespace Parley.Storage;

/// <summary>
/// The blocklists, with one thing remembered per channel for a moment: that the channel blocks nobody. The sandbox asks
/// <see cref="IsBlockedAsync"/> for every message it delivers and most numbers block nobody, so such a send costs no
/// read of the store. A change through this node forgets the channel at once; another node's change is seen within
/// <see cref="KnownFor"/> (every node reads the same store again after that).
/// </summary>
public sealed class CachedBlockStore(IBlockStore inner, TimeProvider time) : IBlockStore
{
    /// <summary>How long whether a channel blocks anybody is believed before the store is asked again.</summary>
    public static readonly TimeSpan KnownFor = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (bool Empty, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    /// <summary>Counts this node's blocks, so that a look at the list that a block overtook is not remembered.</summary>
    private long _blocks;

    public async Task<IReadOnlyList<bool>> BlockAsync(string channelId, IReadOnlyList<BlockedUser> users, int capacity, CancellationToken cancellationToken)
    {
        Forget(channelId);
        try
        {
            return await inner.BlockAsync(channelId, users, capacity, cancellationToken);
        }
        finally
        {
            // A look at the list made while the block was being written saw it empty: forget that too.
            Forget(channelId);
        }
    }

    private void Forget(string channelId)
    {
        Interlocked.Increment(ref _blocks);
        _known.TryRemove(channelId, out _);
    }

    /// <summary>An unblock leaves a list that blocks nobody known as such, and one that blocks somebody asks the store anyway.</summary>
    public Task UnblockAsync(string channelId, IReadOnlyList<string> identities, CancellationToken cancellationToken) =>
        inner.UnblockAsync(channelId, identities, cancellationToken);

    public async Task<bool> IsBlockedAsync(string channelId, string identity, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_known.TryGetValue(channelId, out var known) || known.Until <= now)
        {
            var blocks = Interlocked.Read(ref _blocks);
            known = ((await inner.ListAsync(channelId, 0, 0, cancellationToken)).Total == 0, now + KnownFor);
            if (Interlocked.Read(ref _blocks) == blocks)
            {
                _known[channelId] = known;
            }
        }
        return !known.Empty && await inner.IsBlockedAsync(channelId, identity, cancellationToken);
    }

    public Task<BlocklistPage> ListAsync(string channelId, int offset, int limit, CancellationToken cancellationToken) =>
        inner.ListAsync(channelId, offset, limit, cancellationToken);
}
