namespace Parley.Storage.Sqlite;

internal sealed class SqliteOneMsgSettingsStore(SqliteDatabase database) : IOneMsgSettingsStore
{
    public Task<string?> GetAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(c => c.Query("SELECT settings FROM onemsg_settings WHERE channel_id = $id", r => r.GetString(0), ("$id", phoneNumberId)).FirstOrDefault()));

    public Task SetAsync(string phoneNumberId, string settings, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute(
            """
            INSERT INTO onemsg_settings (channel_id, settings, updated_at) VALUES ($id, $settings, $at)
            ON CONFLICT (channel_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at
            """,
            ("$id", phoneNumberId), ("$settings", settings), ("$at", at.ToUnixTimeMilliseconds())), cancellationToken);
}
