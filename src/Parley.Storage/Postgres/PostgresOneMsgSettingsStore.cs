namespace Parley.Storage.Postgres;

internal sealed class PostgresOneMsgSettingsStore(PostgresDatabase database) : IOneMsgSettingsStore
{
    public async Task<string?> GetAsync(string phoneNumberId, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT settings FROM onemsg_settings WHERE channel_id = @id").With("id", phoneNumberId);
        return await command.FirstOrDefaultAsync(r => r.GetString(0), cancellationToken);
    }

    public async Task SetAsync(string phoneNumberId, string settings, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            """
            INSERT INTO onemsg_settings (channel_id, settings, updated_at) VALUES (@id, @settings, @at)
            ON CONFLICT (channel_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at
            """).With("id", phoneNumberId).With("settings", settings).With("at", at.ToUnixTimeMilliseconds());
        await command.ExecuteAsync(cancellationToken);
    }
}
