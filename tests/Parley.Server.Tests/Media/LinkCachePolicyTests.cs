using System.Net.Http.Headers;
using Parley.Server.Media;

namespace Parley.Server.Tests.Media;

/// <summary>Which link responses WhatsApp caches, and for how long (seed 004, "Media HTTP Caching").</summary>
public sealed class LinkCachePolicyTests
{
    private static readonly DateTimeOffset Modified = new(2022, 2, 22, 22, 22, 22, TimeSpan.Zero);

    [Fact]
    public void MaxAgeIsCachedForThatLong()
    {
        var policy = LinkCachePolicy.From(Response("max-age=604800", "\"33a64df5\""));

        policy.ShouldBe(new LinkCachePolicy(true, TimeSpan.FromSeconds(604800), "\"33a64df5\"", null));
    }

    [Fact]
    public void NoCacheWithLastModifiedIsKeptButRevalidatedEveryTime() =>
        LinkCachePolicy.From(Response("no-cache", lastModified: Modified)).ShouldBe(new LinkCachePolicy(true, TimeSpan.Zero, null, Modified.ToString("R")));

    [Theory]
    [InlineData("no-store")]
    [InlineData("private, max-age=600")]
    public void NoStoreAndPrivateAreNeverCached(string cacheControl) =>
        LinkCachePolicy.From(Response(cacheControl, "\"v1\"", Modified)).Cacheable.ShouldBeFalse();

    [Fact]
    public void ETagAloneIsCachedForTenMinutes() =>
        LinkCachePolicy.From(Response(null, "\"v1\"")).ShouldBe(new LinkCachePolicy(true, TimeSpan.FromMinutes(10), "\"v1\"", null));

    [Fact]
    public void WithoutCachingHeadersNothingIsCached() => LinkCachePolicy.From(Response(null)).Cacheable.ShouldBeFalse();

    private static HttpResponseMessage Response(string? cacheControl, string? etag = null, DateTimeOffset? lastModified = null)
    {
        var response = new HttpResponseMessage { Content = new ByteArrayContent([1, 2, 3]) };
        if (cacheControl is not null)
        {
            response.Headers.CacheControl = CacheControlHeaderValue.Parse(cacheControl);
        }
        if (etag is not null)
        {
            response.Headers.ETag = EntityTagHeaderValue.Parse(etag);
        }
        response.Content.Headers.LastModified = lastModified;
        return response;
    }
}
