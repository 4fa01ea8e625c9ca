using System.Net.Http.Headers;

namespace Parley.Server.Media;

/// <summary>
/// How WhatsApp caches media fetched from a <c>link</c> (seed 004, "Media HTTP Caching"): <c>Cache-Control:
/// max-age=n</c> reuses the asset for n seconds; <c>no-cache</c> keeps it but revalidates every use against
/// <c>Last-Modified</c>; <c>no-store</c> and <c>private</c> keep nothing; <c>ETag</c> counts only when neither
/// Cache-Control nor Last-Modified is sent, and then WhatsApp caches "according to its own internal logic" — Parley
/// uses the 10 minutes Meta documents for link assets (cloud-api-digest §1.4). With none of these headers nothing is cached.
/// </summary>
/// <param name="Cacheable">Whether the asset is kept at all.</param>
/// <param name="FreshFor">Reused without asking the server for this long; zero = revalidate on every use.</param>
internal sealed record LinkCachePolicy(bool Cacheable, TimeSpan FreshFor, string? ETag, string? LastModified)
{
    /// <summary>ETag-only assets: Meta's documented 10-minute link cache.</summary>
    public static readonly TimeSpan ETagOnlyFreshness = TimeSpan.FromMinutes(10);

    public static LinkCachePolicy From(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var cacheControl = response.Headers.CacheControl;
        var etag = response.Headers.ETag?.ToString();
        var lastModified = response.Content.Headers.LastModified?.ToString("R");
        if (cacheControl is { NoStore: true } or { Private: true })
        {
            return new LinkCachePolicy(false, TimeSpan.Zero, null, null);
        }
        if (cacheControl is { MaxAge: { } maxAge } && !cacheControl.NoCache)
        {
            return new LinkCachePolicy(maxAge > TimeSpan.Zero || etag is not null || lastModified is not null, maxAge, etag, lastModified);
        }
        if (cacheControl is { NoCache: true } || lastModified is not null)
        {
            // no-cache requires Last-Modified to revalidate against; an ETag serves as well.
            return new LinkCachePolicy(lastModified is not null || etag is not null, TimeSpan.Zero, etag, lastModified);
        }
        return etag is not null && !HasCacheControl(cacheControl)
            ? new LinkCachePolicy(true, ETagOnlyFreshness, etag, null)
            : new LinkCachePolicy(false, TimeSpan.Zero, null, null);
    }

    private static bool HasCacheControl(CacheControlHeaderValue? value) => value is not null && value.ToString().Length > 0;
}
