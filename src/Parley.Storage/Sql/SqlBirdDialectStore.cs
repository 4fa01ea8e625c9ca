namespace Parley.Storage.Sql;

/// <summary>
/// The Channels dialect's ids. A UUID made on first use may be made by another node at the same moment:
/// <c>ON CONFLICT DO NOTHING</c> keeps the winner's, and a new statement (with a new snapshot on PostgreSQL) reads it.
/// </summary>
internal sealed class SqlBirdDialectStore(ISqlDatabase db) : IBirdDialectStore
{
    public Task<string> WorkspaceIdAsync(string accountId, CancellationToken cancellationToken) =>
        IdOfAsync("channels_workspaces", "account_id", "workspace_id", accountId, cancellationToken);

    public Task<string> ChannelIdAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        IdOfAsync("channels_channel_ids", "phone_number_id", "channel_id", phoneNumberId, cancellationToken);

    private async Task<string> IdOfAsync(string table, string keyColumn, string idColumn, string key, CancellationToken cancellationToken)
    {
        var select = $"SELECT {idColumn} FROM {table} WHERE {keyColumn} = @key";
        if (await db.FirstOrDefaultAsync(select, r => r.GetString(0), [("key", key)], cancellationToken) is { } id)
        {
            return id;
        }
        await db.ExecuteAsync($"INSERT INTO {table} ({keyColumn}, {idColumn}) VALUES (@key, @uuid) ON CONFLICT DO NOTHING",
            [("key", key), ("uuid", NewUuid())], cancellationToken);
        return (await db.QueryAsync(select, r => r.GetString(0), [("key", key)], cancellationToken)).Single();
    }

    public Task AssignAsync(string accountId, string workspaceId, string? phoneNumberId, string? channelId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            await sql.ExecuteAsync("INSERT INTO channels_workspaces (account_id, workspace_id) VALUES (@id, @uuid) ON CONFLICT DO NOTHING",
                [("id", accountId), ("uuid", workspaceId)], cancellationToken);
            if (phoneNumberId is not null && channelId is not null)
            {
                await sql.ExecuteAsync("INSERT INTO channels_channel_ids (phone_number_id, channel_id) VALUES (@id, @uuid) ON CONFLICT DO NOTHING",
                    [("id", phoneNumberId), ("uuid", channelId)], cancellationToken);
            }
            return true;
        }, cancellationToken);

    public Task BackfillAsync(CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            foreach (var account in await sql.QueryAsync("SELECT id FROM accounts WHERE id NOT IN (SELECT account_id FROM channels_workspaces)",
                         r => r.GetString(0), [], cancellationToken))
            {
                await sql.ExecuteAsync("INSERT INTO channels_workspaces (account_id, workspace_id) VALUES (@id, @uuid) ON CONFLICT DO NOTHING",
                    [("id", account), ("uuid", NewUuid())], cancellationToken);
            }
            foreach (var channel in await sql.QueryAsync("SELECT phone_number_id FROM channels WHERE phone_number_id NOT IN (SELECT phone_number_id FROM channels_channel_ids)",
                         r => r.GetString(0), [], cancellationToken))
            {
                await sql.ExecuteAsync("INSERT INTO channels_channel_ids (phone_number_id, channel_id) VALUES (@id, @uuid) ON CONFLICT DO NOTHING",
                    [("id", channel), ("uuid", NewUuid())], cancellationToken);
            }
            return true;
        }, cancellationToken);

    public Task<string?> FindAccountAsync(string workspaceId, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync("SELECT account_id FROM channels_workspaces WHERE workspace_id = @uuid", r => r.GetString(0), [("uuid", workspaceId)], cancellationToken);

    public Task<string?> FindChannelAsync(string channelId, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync("SELECT phone_number_id FROM channels_channel_ids WHERE channel_id = @uuid", r => r.GetString(0), [("uuid", channelId)], cancellationToken);

    public Task CreateMessageAsync(BirdMessageRecord message, IReadOnlyList<string> wamids, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            await sql.ExecuteAsync("INSERT INTO channels_messages (id, channel_id, request, reference, created_at) VALUES (@id, @channel, @request, @reference, @at)",
                [("id", message.Id), ("channel", message.ChannelId), ("request", message.Request), ("reference", message.Reference), ("at", message.CreatedAt)],
                cancellationToken);
            for (var part = 0; part < wamids.Count; part++)
            {
                await sql.ExecuteAsync(
                    """
                    INSERT INTO channels_message_parts (wamid, id, channel_id, part, parts) VALUES (@wamid, @id, @channel, @part, @parts)
                    ON CONFLICT (wamid) DO UPDATE SET id = excluded.id, part = excluded.part, parts = excluded.parts
                    """,
                    [("wamid", wamids[part]), ("id", message.Id), ("channel", message.ChannelId), ("part", part), ("parts", wamids.Count)], cancellationToken);
            }
            return true;
        }, cancellationToken);

    public Task<BirdMessageRecord?> GetMessageAsync(string channelId, string id, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync("SELECT id, channel_id, request, reference, created_at FROM channels_messages WHERE id = @id AND channel_id = @channel",
            r => new BirdMessageRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.NullableString(3), r.Time(4)),
            [("id", id), ("channel", channelId)], cancellationToken);

    public async Task<IReadOnlyList<string>> PartsAsync(string channelId, string id, CancellationToken cancellationToken) =>
        await db.QueryAsync("SELECT wamid FROM channels_message_parts WHERE id = @id AND channel_id = @channel ORDER BY part",
            r => r.GetString(0), [("id", id), ("channel", channelId)], cancellationToken);

    public async Task<IReadOnlyDictionary<string, BirdMessageRef>> IdsOfAsync(string channelId, IReadOnlyCollection<string> wamids, CancellationToken cancellationToken)
    {
        var distinct = wamids.Distinct(StringComparer.Ordinal).ToArray();
        var found = await LookupAsync(distinct, cancellationToken);
        var missing = distinct.Where(w => !found.ContainsKey(w)).ToArray();
        if (missing.Length == 0)
        {
            return found;
        }
        await db.InTransactionAsync(async sql =>
        {
            foreach (var wamid in missing)
            {
                await sql.ExecuteAsync(
                    "INSERT INTO channels_message_parts (wamid, id, channel_id, part, parts) VALUES (@wamid, @id, @channel, 0, 1) ON CONFLICT DO NOTHING",
                    [("wamid", wamid), ("id", NewUuid()), ("channel", channelId)], cancellationToken);
            }
            return true;
        }, cancellationToken);
        return await LookupAsync(distinct, cancellationToken);
    }

    private async Task<Dictionary<string, BirdMessageRef>> LookupAsync(string[] wamids, CancellationToken cancellationToken)
    {
        if (wamids.Length == 0)
        {
            return new Dictionary<string, BirdMessageRef>(StringComparer.Ordinal);
        }
        var (names, args) = SqlExtensions.InList(wamids);
        var rows = await db.QueryAsync($"SELECT wamid, id, part, parts FROM channels_message_parts WHERE wamid IN ({names})",
            r => (Wamid: r.GetString(0), Ref: new BirdMessageRef(r.GetString(1), r.GetInt32(2), r.GetInt32(3))), args, cancellationToken);
        return rows.ToDictionary(r => r.Wamid, r => r.Ref, StringComparer.Ordinal);
    }

    private static string NewUuid() => Guid.NewGuid().ToString("D");
}
