using System.Collections.Concurrent;

namespace Parley.Server.Auth;

/// <summary>
/// What every call looks up (a token by its presented value, a channel by its id), kept for a few seconds on the
/// injected clock, misses included, so that a burst of calls reads the store once. Changes made through Parley clear it
/// at once; a change made by another node is seen within <see cref="Lifetime"/>. At most <see cref="MaxEntries"/> keys
/// are kept: a caller cycling through made-up keys empties the cache instead of growing it.
/// </summary>
internal sealed class ShortLivedCache<T>(TimeProvider time) where T : class
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    /// <summary>More distinct keys than this within <see cref="Lifetime"/> clear the cache before the next one is added.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (T? Value, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public async ValueTask<T?> GetOrLoadAsync(string key, Func<string, CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.Value;
        }
        var value = await load(key, cancellationToken);
        if (cached.Until == default && _entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        _entries[key] = (value, now + Lifetime);
        return value;
    }

    public void Clear() => _entries.Clear();
}
