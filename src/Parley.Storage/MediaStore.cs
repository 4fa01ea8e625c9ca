namespace Parley.Storage;

/// <summary>Where a media object came from.</summary>
public static class MediaOrigins
{
    /// <summary>Uploaded through <c>POST /{phone-number-id}/media</c> (kept 30 days).</summary>
    public const string Upload = "upload";

    /// <summary>Sent by a user to the channel (kept 7 days).</summary>
    public const string Inbound = "inbound";

    /// <summary>Fetched from a <c>link</c> in an outbound message (kept while its HTTP cache entry is fresh).</summary>
    public const string Link = "link";
}

/// <summary>
/// A media object of a channel. The bytes live in the blob store under <see cref="BlobKey"/>; this is the metadata.
/// </summary>
/// <param name="Kind">audio, document, image, sticker or video.</param>
/// <param name="Sha256">SHA-256 of the bytes, lowercase hex.</param>
/// <param name="Origin">One of <see cref="MediaOrigins"/>.</param>
/// <param name="SourceUrl">For link media: the URL it was fetched from.</param>
/// <param name="ETag">For link media: the response's <c>ETag</c>, sent back as <c>If-None-Match</c>.</param>
/// <param name="LastModified">For link media: the response's <c>Last-Modified</c>, sent back as <c>If-Modified-Since</c>.</param>
/// <param name="CacheUntil">For link media: reused without asking the server until then; null = revalidate on every use.</param>
public sealed record MediaRecord(
    string Id,
    string ChannelId,
    string Kind,
    string MimeType,
    string Sha256,
    long FileSize,
    string? FileName,
    string Origin,
    string BlobKey,
    string? SourceUrl,
    string? ETag,
    string? LastModified,
    DateTimeOffset? CacheUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? DeletedAt)
{
    /// <summary>Usable: not deleted and not expired at <paramref name="now"/>.</summary>
    public bool IsLive(DateTimeOffset now) => DeletedAt is null && now < ExpiresAt;
}

/// <summary>Media metadata: uploads, inbound media and the cache of fetched media links.</summary>
public interface IMediaStore
{
    Task CreateAsync(MediaRecord media, CancellationToken cancellationToken);

    /// <summary>The media object, deleted or expired ones included (callers decide with <see cref="MediaRecord.IsLive"/>).</summary>
    Task<MediaRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Marks the media deleted. False when it does not exist or was deleted before.</summary>
    Task<bool> DeleteAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The newest undeleted link media of the channel fetched from <paramref name="url"/>, or null.</summary>
    Task<MediaRecord?> FindLinkAsync(string channelId, string url, CancellationToken cancellationToken);

    /// <summary>After a revalidation (304): new validators and freshness for the cached link media.</summary>
    Task<bool> RefreshLinkAsync(string id, string? etag, string? lastModified, DateTimeOffset? cacheUntil, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Undeleted media whose time ran out before <paramref name="now"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<MediaRecord>> ListExpiredAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);
}
