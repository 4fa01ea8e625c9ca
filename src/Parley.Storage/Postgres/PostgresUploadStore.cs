using Npgsql;

namespace Parley.Storage.Postgres;

internal sealed class PostgresUploadStore(PostgresDatabase database) : IUploadStore
{
    private const string Columns =
        "id, account_id, app_id, file_name, file_type, file_length, file_offset, chunks, handle, sha256, created_at, completed_at";

    public Task CreateAsync(UploadSession session, CancellationToken cancellationToken) =>
        database.Command(
                $"""
                INSERT INTO upload_sessions ({Columns})
                VALUES (@id, @account, @app, @name, @type, @length, @offset, @chunks, @handle, @sha, @created, @completed)
                """)
            .With("id", session.Id).With("account", session.AccountId).With("app", session.AppId).With("name", session.FileName)
            .With("type", session.FileType).With("length", session.FileLength).With("offset", session.FileOffset)
            .With("chunks", UploadChunks.Format(session.Chunks)).With("handle", session.Handle).With("sha", session.Sha256)
            .With("created", session.CreatedAt.Ms()).WithTime("completed", session.CompletedAt)
            .ExecuteAsync(cancellationToken);

    public Task<UploadSession?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.Command($"SELECT {Columns} FROM upload_sessions WHERE id = @id").With("id", id).FirstOrDefaultAsync(Map, cancellationToken);

    public Task<UploadSession?> GetByHandleAsync(string handle, CancellationToken cancellationToken) =>
        database.Command($"SELECT {Columns} FROM upload_sessions WHERE handle = @handle").With("handle", handle).FirstOrDefaultAsync(Map, cancellationToken);

    public async Task<bool> AdvanceAsync(string id, long from, long to, CancellationToken cancellationToken) =>
        await database.Command(
                """
                UPDATE upload_sessions
                SET file_offset = @to, chunks = CASE WHEN chunks = '' THEN @start ELSE chunks || ',' || @start END
                WHERE id = @id AND file_offset = @from AND handle IS NULL AND @to <= file_length
                """)
            .With("id", id).With("from", from).With("to", to).With("start", from.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ExecuteAsync(cancellationToken) > 0;

    public async Task<bool> CompleteAsync(string id, string handle, string sha256, DateTimeOffset at, CancellationToken cancellationToken) =>
        await database.Command(
                """
                UPDATE upload_sessions SET handle = @handle, sha256 = @sha, completed_at = @at
                WHERE id = @id AND handle IS NULL AND file_offset = file_length
                """)
            .With("id", id).With("handle", handle).With("sha", sha256).With("at", at.Ms())
            .ExecuteAsync(cancellationToken) > 0;

    private static UploadSession Map(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetInt64(6),
        UploadChunks.Parse(r.GetString(7)), r.NullableString(8), r.NullableString(9), r.Time(10), r.NullableTime(11));
}
