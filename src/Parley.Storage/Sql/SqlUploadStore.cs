using System.Data.Common;

namespace Parley.Storage.Sql;

internal sealed class SqlUploadStore(ISqlDatabase db) : IUploadStore
{
    private const string Columns =
        "id, account_id, app_id, file_name, file_type, file_length, file_offset, chunks, handle, sha256, created_at, completed_at";

    public Task CreateAsync(UploadSession session, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            $"""
            INSERT INTO upload_sessions ({Columns})
            VALUES (@id, @account, @app, @name, @type, @length, @offset, @chunks, @handle, @sha, @created, @completed)
            """,
            [("id", session.Id), ("account", session.AccountId), ("app", session.AppId), ("name", session.FileName),
             ("type", session.FileType), ("length", session.FileLength), ("offset", session.FileOffset),
             ("chunks", UploadChunks.Format(session.Chunks)), ("handle", session.Handle), ("sha", session.Sha256),
             ("created", session.CreatedAt), ("completed", session.CompletedAt)],
            cancellationToken);

    public Task<UploadSession?> GetAsync(string id, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {Columns} FROM upload_sessions WHERE id = @id", Map, [("id", id)], cancellationToken);

    public Task<UploadSession?> GetByHandleAsync(string handle, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {Columns} FROM upload_sessions WHERE handle = @handle", Map, [("handle", handle)], cancellationToken);

    public Task<bool> AdvanceAsync(string id, long from, long to, CancellationToken cancellationToken) =>
        db.ChangesAsync(
            """
            UPDATE upload_sessions
            SET file_offset = @to, chunks = CASE WHEN chunks = '' THEN @start ELSE chunks || ',' || @start END
            WHERE id = @id AND file_offset = @from AND handle IS NULL AND @to <= file_length
            """,
            [("id", id), ("from", from), ("to", to), ("start", from.ToString(System.Globalization.CultureInfo.InvariantCulture))], cancellationToken);

    public Task<bool> CompleteAsync(string id, string handle, string sha256, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.ChangesAsync(
            """
            UPDATE upload_sessions SET handle = @handle, sha256 = @sha, completed_at = @at
            WHERE id = @id AND handle IS NULL AND file_offset = file_length
            """,
            [("id", id), ("handle", handle), ("sha", sha256), ("at", at)], cancellationToken);

    private static UploadSession Map(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetInt64(6),
        UploadChunks.Parse(r.GetString(7)), r.NullableString(8), r.NullableString(9), r.Time(10), r.NullableTime(11));
}
