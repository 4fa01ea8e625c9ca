using Npgsql;

namespace Parley.Storage.Postgres;

internal sealed class PostgresMediaStore(PostgresDatabase database) : IMediaStore
{
    private const string Columns =
        "id, channel_id, kind, mime_type, sha256, file_size, file_name, origin, blob_key, source_url, etag, last_modified, cache_until, created_at, expires_at, deleted_at";

    public Task CreateAsync(MediaRecord media, CancellationToken cancellationToken) =>
        database.Command(
                $"""
                INSERT INTO media ({Columns})
                VALUES (@id, @channel, @kind, @mime, @sha, @size, @name, @origin, @blob, @url, @etag, @modified, @cache, @created, @expires, @deleted)
                """)
            .With("id", media.Id).With("channel", media.ChannelId).With("kind", media.Kind).With("mime", media.MimeType)
            .With("sha", media.Sha256).With("size", media.FileSize).With("name", media.FileName).With("origin", media.Origin)
            .With("blob", media.BlobKey).With("url", media.SourceUrl).With("etag", media.ETag).With("modified", media.LastModified)
            .WithTime("cache", media.CacheUntil).With("created", media.CreatedAt.Ms()).With("expires", media.ExpiresAt.Ms())
            .WithTime("deleted", media.DeletedAt)
            .ExecuteAsync(cancellationToken);

    public Task<MediaRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.Command($"SELECT {Columns} FROM media WHERE id = @id").With("id", id).FirstOrDefaultAsync(Map, cancellationToken);

    public async Task<bool> DeleteAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        await database.Command("UPDATE media SET deleted_at = @at WHERE id = @id AND deleted_at IS NULL")
            .With("id", id).With("at", at.Ms()).ExecuteAsync(cancellationToken) > 0;

    public Task<MediaRecord?> FindLinkAsync(string channelId, string url, CancellationToken cancellationToken) =>
        database.Command(
                $"""
                SELECT {Columns} FROM media
                WHERE channel_id = @channel AND source_url = @url AND deleted_at IS NULL
                ORDER BY created_at DESC LIMIT 1
                """)
            .With("channel", channelId).With("url", url).FirstOrDefaultAsync(Map, cancellationToken);

    public async Task<bool> RefreshLinkAsync(string id, string? etag, string? lastModified, DateTimeOffset? cacheUntil, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        await database.Command(
                """
                UPDATE media SET etag = @etag, last_modified = @modified, cache_until = @cache, expires_at = @expires
                WHERE id = @id AND deleted_at IS NULL
                """)
            .With("id", id).With("etag", etag).With("modified", lastModified).WithTime("cache", cacheUntil).With("expires", expiresAt.Ms())
            .ExecuteAsync(cancellationToken) > 0;

    public async Task<IReadOnlyList<MediaRecord>> ListExpiredAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        await database.Command(
                $"SELECT {Columns} FROM media WHERE deleted_at IS NULL AND expires_at <= @now ORDER BY expires_at, id LIMIT @max")
            .With("now", now.Ms()).With("max", max).ListAsync(Map, cancellationToken);

    private static MediaRecord Map(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.NullableString(6),
        r.GetString(7), r.GetString(8), r.NullableString(9), r.NullableString(10), r.NullableString(11), r.NullableTime(12),
        r.Time(13), r.Time(14), r.NullableTime(15));
}

internal static class PostgresMediaParameters
{
    /// <summary>A nullable time as Unix milliseconds (<c>bigint</c>), NULL when absent.</summary>
    public static NpgsqlCommand WithTime(this NpgsqlCommand command, string name, DateTimeOffset? at)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Bigint) { Value = at is { } value ? value.Ms() : DBNull.Value });
        return command;
    }
}
