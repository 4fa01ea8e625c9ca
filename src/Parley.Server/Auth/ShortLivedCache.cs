using System.Collections.Concurrent;

namespace Parley.Server.Auth;

/// <summary>
/// What every call looks up (a token by its hash, a channel by its id), kept for a few seconds on the injected clock,
/// misses included, so that a burst of calls reads the store once. Changes made through Parley clear it at once; a
/// change made by another node is seen within <see cref="Lifetime"/>.
/// </summary>
internal sealed class ShortLivedCache<T>(TimeProvider time) where T : class
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (T? Value, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public async ValueTask<T?> GetOrLoadAsync(string key, Func<string, CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.Value;
        }
        var value = await load(key, cancellationToken);
        _entries[key] = (value, now + Lifetime);
        return value;
    }

    public void Clear() => _entries.Clear();
}
