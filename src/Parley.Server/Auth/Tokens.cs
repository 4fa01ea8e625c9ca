using System.Security.Cryptography;
using System.Text;
using Parley.Core.Ids;
using Parley.Storage;

namespace Parley.Server.Auth;

/// <summary>
/// Issues tokens (random, shown once, stored as SHA-256) and resolves presented tokens, with a short cache keyed by the
/// presented value: a cached caller costs one dictionary lookup, and the hash is computed only when the store is asked.
/// A revocation through this node clears the cache at once; another node sees it within
/// <see cref="ShortLivedCache{T}.Lifetime"/>.
/// </summary>
internal sealed class Tokens(IAccountStore store, TimeProvider time)
{
    private readonly ShortLivedCache<TokenRecord> _cache = new(time);

    /// <summary>The cache's loader, made once: a lambda that reads the store would be a new delegate on every lookup.</summary>
    private Func<string, CancellationToken, Task<TokenRecord?>> Load => field ??= LoadAsync;

    /// <summary>Creates a token. The plain value is returned only here; the store keeps its hash.</summary>
    public async Task<(TokenRecord Record, string Value)> IssueAsync(string? accountId, string? channelId, string label, string? fixedValue, CancellationToken cancellationToken)
    {
        var value = fixedValue ?? "EAAP" + MessageIds.RandomToken(32);
        var record = new TokenRecord("tok_" + MessageIds.RandomToken(9), Hash(value), accountId, channelId, label, time.GetUtcNow(), null);
        await store.CreateTokenAsync(record, cancellationToken);
        if (fixedValue is not null)
        {
            _cache.Clear(); // a chosen value may have been presented (and cached as unknown) before it was issued
        }
        return (record, value);
    }

    /// <summary>The live (not revoked) token with this value, or null.</summary>
    public ValueTask<TokenRecord?> ResolveAsync(string value, CancellationToken cancellationToken) =>
        _cache.GetOrLoadAsync(value, Load, cancellationToken);

    private async Task<TokenRecord?> LoadAsync(string presented, CancellationToken cancellationToken) =>
        await store.FindTokenByHashAsync(Hash(presented), cancellationToken) is { RevokedAt: null } live ? live : null;

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeTokenAsync(id, time.GetUtcNow(), cancellationToken);
        _cache.Clear();
        return revoked;
    }

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
