using Parley.Core;
using Parley.Core.Ids;
using Parley.Core.Media;
using Parley.Storage;

namespace Parley.Server.Media;

/// <summary>What to store besides the bytes.</summary>
/// <param name="Kind">The media kind (<c>image</c>, …); for inbound documents any MIME type goes.</param>
/// <param name="MaxBytes">More bytes than this and nothing is stored.</param>
/// <param name="Retention">How long the media id stays usable.</param>
internal sealed record MediaDraft(
    string ChannelId,
    string Kind,
    string MimeType,
    string? FileName,
    string Origin,
    long MaxBytes,
    TimeSpan Retention,
    string? SourceUrl = null,
    string? ETag = null,
    string? LastModified = null,
    DateTimeOffset? CacheUntil = null);

/// <summary>
/// The one way media gets into Parley, for every dialect and upstream: bytes go to the <see cref="IBlobStore"/>,
/// metadata to the <see cref="IMediaStore"/>, under a new WhatsApp-style numeric media id.
/// </summary>
internal sealed class MediaLibrary(IBlobStore blobs, IMediaStore store, TimeProvider time)
{
    /// <summary>Media ids look like Meta's: 16 digits.</summary>
    private const int MediaIdDigits = 16;

    /// <summary>
    /// Stores bytes a client uploads for a channel, with Meta's upload checks: a supported MIME type and its kind's
    /// size limit (<see cref="MediaChecks.CheckUpload"/>). The media id is usable for 30 days. This is what dialects
    /// call to turn a form file or base64 payload into a media id.
    /// </summary>
    public async Task<Outcome<MediaRecord>> UploadAsync(string channelId, Stream content, string mimeType, string? fileName, CancellationToken cancellationToken)
    {
        if (MediaRules.KindOf(mimeType) is not { } kind)
        {
            return MediaChecks.UnsupportedMimeType(mimeType);
        }
        var draft = new MediaDraft(channelId, kind.TypeName(), MediaRules.BaseType(mimeType), fileName, MediaOrigins.Upload,
            MediaRules.MaxBytes(kind), MediaRules.UploadRetention);
        var saved = await SaveAsync(draft, content, cancellationToken);
        return saved is null ? MediaChecks.TooLarge(kind) : saved;
    }

    /// <summary>Streams the bytes into a new media object; null (nothing kept) when they exceed <see cref="MediaDraft.MaxBytes"/>.</summary>
    public async Task<MediaRecord?> SaveAsync(MediaDraft draft, Stream content, CancellationToken cancellationToken)
    {
        var put = await ReceiveAsync(content, draft.MaxBytes, cancellationToken);
        return put.TooLarge ? null : await CommitAsync(put, draft, cancellationToken);
    }

    /// <summary>
    /// First half of a save whose metadata is known only after the bytes (a multipart upload whose <c>type</c> comes
    /// after the file): the bytes under a new media id. Follow with <see cref="CommitAsync"/> or <see cref="Discard"/>.
    /// </summary>
    public Task<BlobPut> ReceiveAsync(Stream content, long maxBytes, CancellationToken cancellationToken) =>
        blobs.PutAsync(MessageIds.NewNumericId(MediaIdDigits), content, maxBytes, cancellationToken);

    /// <summary>Records received bytes as a media object (the blob key is the media id).</summary>
    public async Task<MediaRecord> CommitAsync(BlobPut put, MediaDraft draft, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var media = new MediaRecord(put.Key, draft.ChannelId, draft.Kind, draft.MimeType, put.Sha256, put.Size, draft.FileName, draft.Origin,
            put.Key, draft.SourceUrl, draft.ETag, draft.LastModified, draft.CacheUntil, now, now + draft.Retention, null);
        try
        {
            await store.CreateAsync(media, cancellationToken);
        }
        catch
        {
            Discard(put);
            throw;
        }
        return media;
    }

    /// <summary>Drops received bytes that will not become media.</summary>
    public void Discard(BlobPut put)
    {
        if (!put.TooLarge)
        {
            blobs.Delete(put.Key);
        }
    }

    /// <summary>The channel's media object, when it exists and is neither deleted nor expired.</summary>
    public async Task<MediaRecord?> GetLiveAsync(string mediaId, CancellationToken cancellationToken)
    {
        var media = await store.GetAsync(mediaId, cancellationToken);
        return media is not null && media.IsLive(time.GetUtcNow()) ? media : null;
    }

    /// <summary>Deletes the media and its bytes. False when it was not live.</summary>
    public async Task<bool> DeleteAsync(MediaRecord media, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(media.Id, time.GetUtcNow(), cancellationToken))
        {
            return false;
        }
        blobs.Delete(media.BlobKey);
        return true;
    }

    public Stream? Open(MediaRecord media) => blobs.Open(media.BlobKey);
}
