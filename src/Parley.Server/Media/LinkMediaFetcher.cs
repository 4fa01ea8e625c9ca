using System.Net;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Core.Media;
using Parley.Server.Configuration;
using Parley.Server.Network;
using Parley.Storage;

namespace Parley.Server.Media;

/// <summary>
/// Fetches media given by <c>link</c>, as WhatsApp's servers do after a message is accepted: through the SSRF guard,
/// honouring the server's caching headers (<see cref="LinkCachePolicy"/>) so an asset cached for a channel is not
/// fetched again while fresh and is revalidated with <c>If-None-Match</c> / <c>If-Modified-Since</c> once stale.
/// The response's <c>Content-Type</c> must be of the message's media kind and the body within its size limit.
/// Any failure is 131053. Upstreams that hand links to a real WhatsApp (Meta's Cloud API) do not use this.
/// </summary>
internal sealed partial class LinkMediaFetcher(
    IHttpClientFactory clients, SsrfGuard guard, IMediaStore store, MediaLibrary library, IOptions<ParleyOptions> options,
    TimeProvider time, ILogger<LinkMediaFetcher> logger)
{
    public const string HttpClientName = "media-links";

    /// <summary>Redirects followed, each checked by the guard again.</summary>
    private const int MaxRedirects = 3;

    /// <summary>Link cache entries are kept this long for revalidation, fresh or not.</summary>
    private static readonly TimeSpan CacheEntryRetention = TimeSpan.FromDays(30);

    /// <summary>One fetch per channel and URL at a time on this node, so concurrent sends of one link share the fetch.</summary>
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(options.Value.Media.LinkFetchTimeoutMs);

    /// <summary>The media at <paramref name="url"/> for the channel, from the cache or the server; or 131053.</summary>
    public async Task<Outcome<MediaRecord>> FetchAsync(string channelId, string url, MediaKind kind, CancellationToken cancellationToken)
    {
        if (guard.Check(url) is { } refused)
        {
            return MediaChecks.LinkDownloadFailed($"the link {refused}.");
        }
        var gate = _locks[(int)((uint)StringComparer.Ordinal.GetHashCode(channelId + " " + url) % (uint)_locks.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var cached = await store.FindLinkAsync(channelId, url, cancellationToken);
            var now = time.GetUtcNow();
            if (cached is not null && cached.IsLive(now) && cached.CacheUntil > now)
            {
                Log.CacheHit(logger, cached.Id);
                return cached;
            }
            var revalidate = cached is not null && cached.IsLive(now) && (cached.ETag is not null || cached.LastModified is not null) ? cached : null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            try
            {
                return await DownloadAsync(channelId, url, kind, revalidate, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return MediaChecks.LinkDownloadFailed($"no complete answer within {_timeout.TotalSeconds:0} seconds.");
            }
            catch (HttpRequestException ex)
            {
                return MediaChecks.LinkDownloadFailed(ex.Message);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Outcome<MediaRecord>> DownloadAsync(string channelId, string url, MediaKind kind, MediaRecord? cached, CancellationToken cancellationToken)
    {
        using var client = clients.CreateClient(HttpClientName);
        using var response = await SendAsync(client, url, cached, cancellationToken);
        if (response is null)
        {
            return MediaChecks.LinkDownloadFailed("too many redirects, or a redirect the guard refused.");
        }
        var policy = LinkCachePolicy.From(response);
        var now = time.GetUtcNow();
        if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
        {
            Log.Revalidated(logger, cached.Id);
            var etag = policy.ETag ?? cached.ETag;
            var lastModified = policy.LastModified ?? cached.LastModified;
            await store.RefreshLinkAsync(cached.Id, etag, lastModified, now + policy.FreshFor, now + CacheEntryRetention, cancellationToken);
            return cached with { ETag = etag, LastModified = lastModified, CacheUntil = now + policy.FreshFor };
        }
        if (!response.IsSuccessStatusCode)
        {
            return MediaChecks.LinkDownloadFailed($"the server answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
        var contentType = response.Content.Headers.ContentType?.ToString();
        if (MediaRules.KindOf(contentType) != kind)
        {
            return MediaChecks.CheckForMessage(kind, contentType ?? "(none)", 0)!;
        }
        var maxBytes = MediaRules.MaxBytes(kind);
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return MediaChecks.LinkDownloadFailed($"the file is {response.Content.Headers.ContentLength} bytes; the {kind.TypeName()} limit is {MediaChecks.Describe(maxBytes)}.");
        }
        var draft = new MediaDraft(channelId, kind.TypeName(), MediaRules.BaseType(contentType), FileNameOf(response, url), MediaOrigins.Link, maxBytes,
            CacheEntryRetention, url, policy.ETag, policy.LastModified, now + policy.FreshFor);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var media = await library.SaveAsync(draft, body, cancellationToken);
        if (media is null)
        {
            return MediaChecks.LinkDownloadFailed($"the file is larger than the {kind.TypeName()} limit of {MediaChecks.Describe(maxBytes)}.");
        }
        Log.Fetched(logger, media.Id, media.FileSize, policy.Cacheable);
        if (!policy.Cacheable)
        {
            await library.DeleteAsync(media, cancellationToken); // checked, then forgotten: the server asked not to keep it
        }
        return media;
    }

    /// <summary>GET with the cached validators, following redirects the guard allows. Null when redirected too often or off limits.</summary>
    private async Task<HttpResponseMessage?> SendAsync(HttpClient client, string url, MediaRecord? cached, CancellationToken cancellationToken)
    {
        var target = new Uri(url);
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            if (cached?.ETag is { } etag)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }
            if (cached?.LastModified is { } modified && DateTimeOffset.TryParse(modified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
            {
                request.Headers.IfModifiedSince = since;
            }
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if ((int)response.StatusCode is >= 300 and < 400 && response.StatusCode != HttpStatusCode.NotModified && response.Headers.Location is { } location)
            {
                response.Dispose();
                target = location.IsAbsoluteUri ? location : new Uri(target, location);
                if (guard.Check(target.ToString()) is not null)
                {
                    return null;
                }
                continue;
            }
            return response;
        }
        return null;
    }

    private static string? FileNameOf(HttpResponseMessage response, string url) =>
        response.Content.Headers.ContentDisposition?.FileNameStar?.Trim('"')
        ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"')
        ?? (Path.GetFileName(new Uri(url).AbsolutePath) is { Length: > 0 } name ? name : null);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Link media {MediaId} reused from the cache")]
        public static partial void CacheHit(ILogger logger, string mediaId);

        [LoggerMessage(2, LogLevel.Debug, "Link media {MediaId} revalidated (304 Not Modified)")]
        public static partial void Revalidated(ILogger logger, string mediaId);

        [LoggerMessage(3, LogLevel.Debug, "Link media {MediaId} fetched: {Bytes} bytes, cacheable {Cacheable}")]
        public static partial void Fetched(ILogger logger, string mediaId, long bytes, bool cacheable);
    }
}
