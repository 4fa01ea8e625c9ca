using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteChannelsDialectStore(SqliteDatabase database) : IBirdDialectStore
{
    public async Task<string> WorkspaceIdAsync(string accountId, CancellationToken cancellationToken) =>
        Read(c => c.Query("SELECT workspace_id FROM channels_workspaces WHERE account_id = $id", r => r.GetString(0), ("$id", accountId)).FirstOrDefault())
        ?? await database.WriteAsync(c =>
        {
            c.Execute("INSERT INTO channels_workspaces (account_id, workspace_id) VALUES ($id, $uuid) ON CONFLICT DO NOTHING",
                ("$id", accountId), ("$uuid", NewUuid()));
            return c.Query("SELECT workspace_id FROM channels_workspaces WHERE account_id = $id", r => r.GetString(0), ("$id", accountId)).Single();
        }, cancellationToken);

    public async Task<string> ChannelIdAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        Read(c => c.Query("SELECT channel_id FROM channels_channel_ids WHERE phone_number_id = $id", r => r.GetString(0), ("$id", phoneNumberId)).FirstOrDefault())
        ?? await database.WriteAsync(c =>
        {
            c.Execute("INSERT INTO channels_channel_ids (phone_number_id, channel_id) VALUES ($id, $uuid) ON CONFLICT DO NOTHING",
                ("$id", phoneNumberId), ("$uuid", NewUuid()));
            return c.Query("SELECT channel_id FROM channels_channel_ids WHERE phone_number_id = $id", r => r.GetString(0), ("$id", phoneNumberId)).Single();
        }, cancellationToken);

    public Task AssignAsync(string accountId, string workspaceId, string? phoneNumberId, string? channelId, CancellationToken cancellationToken) =>
        database.WriteAsync(c =>
        {
            c.Execute("INSERT INTO channels_workspaces (account_id, workspace_id) VALUES ($id, $uuid) ON CONFLICT DO NOTHING",
                ("$id", accountId), ("$uuid", workspaceId));
            if (phoneNumberId is not null && channelId is not null)
            {
                c.Execute("INSERT INTO channels_channel_ids (phone_number_id, channel_id) VALUES ($id, $uuid) ON CONFLICT DO NOTHING",
                    ("$id", phoneNumberId), ("$uuid", channelId));
            }
        }, cancellationToken);

    public Task BackfillAsync(CancellationToken cancellationToken) =>
        database.WriteAsync(c =>
        {
            foreach (var account in c.Query("SELECT id FROM accounts WHERE id NOT IN (SELECT account_id FROM channels_workspaces)", r => r.GetString(0)))
            {
                c.Execute("INSERT INTO channels_workspaces (account_id, workspace_id) VALUES ($id, $uuid)", ("$id", account), ("$uuid", NewUuid()));
            }
            foreach (var channel in c.Query("SELECT phone_number_id FROM channels WHERE phone_number_id NOT IN (SELECT phone_number_id FROM channels_channel_ids)", r => r.GetString(0)))
            {
                c.Execute("INSERT INTO channels_channel_ids (phone_number_id, channel_id) VALUES ($id, $uuid)", ("$id", channel), ("$uuid", NewUuid()));
            }
        }, cancellationToken);

    public Task<string?> FindAccountAsync(string workspaceId, CancellationToken cancellationToken) =>
        Task.FromResult(Read(c => c.Query("SELECT account_id FROM channels_workspaces WHERE workspace_id = $uuid", r => r.GetString(0), ("$uuid", workspaceId)).FirstOrDefault()));

    public Task<string?> FindChannelAsync(string channelId, CancellationToken cancellationToken) =>
        Task.FromResult(Read(c => c.Query("SELECT phone_number_id FROM channels_channel_ids WHERE channel_id = $uuid", r => r.GetString(0), ("$uuid", channelId)).FirstOrDefault()));

    public Task CreateMessageAsync(BirdMessageRecord message, IReadOnlyList<string> wamids, CancellationToken cancellationToken) =>
        database.WriteAsync(c =>
        {
            c.Execute("INSERT INTO channels_messages (id, channel_id, request, reference, created_at) VALUES ($id, $channel, $request, $reference, $at)",
                ("$id", message.Id), ("$channel", message.ChannelId), ("$request", message.Request), ("$reference", message.Reference), ("$at", message.CreatedAt.Ms()));
            for (var part = 0; part < wamids.Count; part++)
            {
                c.Execute("INSERT INTO channels_message_parts (wamid, id, channel_id, part, parts) VALUES ($wamid, $id, $channel, $part, $parts) "
                    + "ON CONFLICT (wamid) DO UPDATE SET id = excluded.id, part = excluded.part, parts = excluded.parts",
                    ("$wamid", wamids[part]), ("$id", message.Id), ("$channel", message.ChannelId), ("$part", part), ("$parts", wamids.Count));
            }
        }, cancellationToken);

    public Task<BirdMessageRecord?> GetMessageAsync(string channelId, string id, CancellationToken cancellationToken) =>
        Task.FromResult(Read(c => c.Query(
            "SELECT id, channel_id, request, reference, created_at FROM channels_messages WHERE id = $id AND channel_id = $channel",
            r => new BirdMessageRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.NullableString(3), r.Time(4)),
            ("$id", id), ("$channel", channelId)).FirstOrDefault()));

    public Task<IReadOnlyList<string>> PartsAsync(string channelId, string id, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Read(c => c.Query(
            "SELECT wamid FROM channels_message_parts WHERE id = $id AND channel_id = $channel ORDER BY part",
            r => r.GetString(0), ("$id", id), ("$channel", channelId))));

    public async Task<IReadOnlyDictionary<string, BirdMessageRef>> IdsOfAsync(string channelId, IReadOnlyCollection<string> wamids, CancellationToken cancellationToken)
    {
        var found = Read(c => Lookup(c, wamids));
        var missing = wamids.Where(w => !found.ContainsKey(w)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return found;
        }
        return await database.WriteAsync(c =>
        {
            foreach (var wamid in missing)
            {
                c.Execute("INSERT INTO channels_message_parts (wamid, id, channel_id, part, parts) VALUES ($wamid, $id, $channel, 0, 1) ON CONFLICT DO NOTHING",
                    ("$wamid", wamid), ("$id", NewUuid()), ("$channel", channelId));
            }
            return Lookup(c, wamids);
        }, cancellationToken);
    }

    private static Dictionary<string, BirdMessageRef> Lookup(SqliteConnection c, IReadOnlyCollection<string> wamids)
    {
        var result = new Dictionary<string, BirdMessageRef>(StringComparer.Ordinal);
        foreach (var wamid in wamids.Distinct(StringComparer.Ordinal))
        {
            foreach (var row in c.Query("SELECT id, part, parts FROM channels_message_parts WHERE wamid = $wamid",
                         r => new BirdMessageRef(r.GetString(0), r.GetInt32(1), r.GetInt32(2)), ("$wamid", wamid)))
            {
                result[wamid] = row;
            }
        }
        return result;
    }

    private T Read<T>(Func<SqliteConnection, T> read) => database.Read(read);

    private static string NewUuid() => Guid.NewGuid().ToString("D");
}
