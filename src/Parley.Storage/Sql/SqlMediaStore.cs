using System.Data.Common;

namespace Parley.Storage.Sql;

internal sealed class SqlMediaStore(ISqlDatabase db) : IMediaStore
{
    private const string Columns =
        "id, channel_id, kind, mime_type, sha256, file_size, file_name, origin, blob_key, source_url, etag, last_modified, cache_until, created_at, expires_at, deleted_at";

    public Task CreateAsync(MediaRecord media, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            $"""
            INSERT INTO media ({Columns})
            VALUES (@id, @channel, @kind, @mime, @sha, @size, @name, @origin, @blob, @url, @etag, @modified, @cache, @created, @expires, @deleted)
            """,
            [("id", media.Id), ("channel", media.ChannelId), ("kind", media.Kind), ("mime", media.MimeType), ("sha", media.Sha256),
             ("size", media.FileSize), ("name", media.FileName), ("origin", media.Origin), ("blob", media.BlobKey),
             ("url", media.SourceUrl), ("etag", media.ETag), ("modified", media.LastModified), ("cache", media.CacheUntil),
             ("created", media.CreatedAt), ("expires", media.ExpiresAt), ("deleted", media.DeletedAt)],
            cancellationToken);

    public Task<MediaRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {Columns} FROM media WHERE id = @id", Map, [("id", id)], cancellationToken);

    public Task<bool> DeleteAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.ChangesAsync("UPDATE media SET deleted_at = @at WHERE id = @id AND deleted_at IS NULL", [("id", id), ("at", at)], cancellationToken);

    public Task<MediaRecord?> FindLinkAsync(string channelId, string url, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync(
            $"""
            SELECT {Columns} FROM media
            WHERE channel_id = @channel AND source_url = @url AND deleted_at IS NULL
            ORDER BY created_at DESC LIMIT 1
            """,
            Map, [("channel", channelId), ("url", url)], cancellationToken);

    public Task<bool> RefreshLinkAsync(string id, string? etag, string? lastModified, DateTimeOffset? cacheUntil, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        db.ChangesAsync(
            """
            UPDATE media SET etag = @etag, last_modified = @modified, cache_until = @cache, expires_at = @expires
            WHERE id = @id AND deleted_at IS NULL
            """,
            [("id", id), ("etag", etag), ("modified", lastModified), ("cache", cacheUntil), ("expires", expiresAt)], cancellationToken);

    public async Task<IReadOnlyList<MediaRecord>> ListExpiredAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            $"SELECT {Columns} FROM media WHERE deleted_at IS NULL AND expires_at <= @now ORDER BY expires_at, id LIMIT @max",
            Map, [("now", now), ("max", max)], cancellationToken);

    private static MediaRecord Map(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.NullableString(6),
        r.GetString(7), r.GetString(8), r.NullableString(9), r.NullableString(10), r.NullableString(11), r.NullableTime(12),
        r.Time(13), r.Time(14), r.NullableTime(15));
}
