namespace Parley.Storage.Sql;

internal sealed class SqlGraphSettingsStore(ISqlDatabase db) : IGraphSettingsStore
{
    public Task<string?> GetAsync(string ownerId, string scope, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync("SELECT settings FROM graph_settings WHERE owner_id = @owner AND scope = @scope", r => r.GetString(0),
            [("owner", ownerId), ("scope", scope)], cancellationToken);

    public Task SetAsync(string ownerId, string scope, string settings, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            """
            INSERT INTO graph_settings (owner_id, scope, settings, updated_at) VALUES (@owner, @scope, @settings, @at)
            ON CONFLICT (owner_id, scope) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at
            """,
            [("owner", ownerId), ("scope", scope), ("settings", settings), ("at", at)], cancellationToken);
}
