using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Parley.Core.Ids;
using Parley.Storage;

namespace Parley.Server.Auth;

/// <summary>Issues tokens (random, shown once, stored as SHA-256) and resolves presented tokens, with a short cache.</summary>
internal sealed class Tokens(IAccountStore store, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (TokenRecord? Token, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a token. The plain value is returned only here; the store keeps its hash.</summary>
    public async Task<(TokenRecord Record, string Value)> IssueAsync(string? accountId, string? channelId, string label, string? fixedValue, CancellationToken cancellationToken)
    {
        var value = fixedValue ?? "EAAP" + MessageIds.RandomToken(32);
        var record = new TokenRecord("tok_" + MessageIds.RandomToken(9), Hash(value), accountId, channelId, label, time.GetUtcNow(), null);
        await store.CreateTokenAsync(record, cancellationToken);
        return (record, value);
    }

    /// <summary>The live (not revoked) token with this value, or null.</summary>
    public async ValueTask<TokenRecord?> ResolveAsync(string value, CancellationToken cancellationToken)
    {
        var hash = Hash(value);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.Until > now)
        {
            return cached.Token;
        }
        var token = await store.FindTokenByHashAsync(hash, cancellationToken);
        if (token?.RevokedAt is not null)
        {
            token = null;
        }
        _cache[hash] = (token, now + CacheFor);
        return token;
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeTokenAsync(id, time.GetUtcNow(), cancellationToken);
        _cache.Clear();
        return revoked;
    }

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
