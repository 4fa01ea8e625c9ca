namespace Parley.Storage.Sql;

internal sealed class SqlOneMsgSettingsStore(ISqlDatabase db) : IOneMsgSettingsStore
{
    public Task<string?> GetAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync("SELECT settings FROM onemsg_settings WHERE channel_id = @id", r => r.GetString(0), [("id", phoneNumberId)], cancellationToken);

    public Task SetAsync(string phoneNumberId, string settings, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            """
            INSERT INTO onemsg_settings (channel_id, settings, updated_at) VALUES (@id, @settings, @at)
            ON CONFLICT (channel_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at
            """,
            [("id", phoneNumberId), ("settings", settings), ("at", at)], cancellationToken);
}
