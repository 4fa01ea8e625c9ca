using Npgsql;

namespace Parley.Storage.Postgres;

internal sealed class PostgresChannelsDialectStore(PostgresDatabase database) : IBirdDialectStore
{
    public Task<string> WorkspaceIdAsync(string accountId, CancellationToken cancellationToken) =>
        IdOfAsync("channels_workspaces", "account_id", "workspace_id", accountId, cancellationToken);

    public Task<string> ChannelIdAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        IdOfAsync("channels_channel_ids", "phone_number_id", "channel_id", phoneNumberId, cancellationToken);

    /// <summary>
    /// The UUID of <paramref name="key"/> in <paramref name="table"/>, made on first use. When another node inserts it at
    /// the same moment, <c>ON CONFLICT DO NOTHING</c> waits for that node's commit and inserts nothing, and the
    /// statement's snapshot (taken before that commit) cannot see the row either: a second statement, with a new
    /// snapshot, reads it.
    /// </summary>
    private async Task<string> IdOfAsync(string table, string keyColumn, string idColumn, string key, CancellationToken cancellationToken)
    {
        var select = $"SELECT {idColumn} FROM {table} WHERE {keyColumn} = @key";
        var made = await database.Command(
                $"""
                WITH inserted AS (
                    INSERT INTO {table} ({keyColumn}, {idColumn}) VALUES (@key, @uuid) ON CONFLICT DO NOTHING RETURNING {idColumn})
                SELECT {idColumn} FROM inserted UNION ALL {select}
                """)
            .With("key", key).With("uuid", Guid.NewGuid().ToString("D"))
            .ListAsync(r => r.GetString(0), cancellationToken);
        return made.Count > 0
            ? made[0]
            : (await database.Command(select).With("key", key).ListAsync(r => r.GetString(0), cancellationToken)).Single();
    }

    public Task AssignAsync(string accountId, string workspaceId, string? phoneNumberId, string? channelId, CancellationToken cancellationToken) =>
        database.Command(
                """
                INSERT INTO channels_workspaces (account_id, workspace_id) VALUES (@account, @workspace) ON CONFLICT DO NOTHING;
                INSERT INTO channels_channel_ids (phone_number_id, channel_id)
                    SELECT @phone, @channel WHERE @phone IS NOT NULL AND @channel IS NOT NULL ON CONFLICT DO NOTHING;
                """)
            .With("account", accountId).With("workspace", workspaceId).With("phone", phoneNumberId).With("channel", channelId)
            .ExecuteAsync(cancellationToken);

    public Task BackfillAsync(CancellationToken cancellationToken) =>
        database.Command(
                """
                INSERT INTO channels_workspaces (account_id, workspace_id)
                    SELECT id, gen_random_uuid()::text FROM accounts WHERE id NOT IN (SELECT account_id FROM channels_workspaces) ON CONFLICT DO NOTHING;
                INSERT INTO channels_channel_ids (phone_number_id, channel_id)
                    SELECT phone_number_id, gen_random_uuid()::text FROM channels
                    WHERE phone_number_id NOT IN (SELECT phone_number_id FROM channels_channel_ids) ON CONFLICT DO NOTHING;
                """)
            .ExecuteAsync(cancellationToken);

    public async Task<string?> FindAccountAsync(string workspaceId, CancellationToken cancellationToken) =>
        (await database.Command("SELECT account_id FROM channels_workspaces WHERE workspace_id = @uuid").With("uuid", workspaceId)
            .ListAsync(r => r.GetString(0), cancellationToken)).FirstOrDefault();

    public async Task<string?> FindChannelAsync(string channelId, CancellationToken cancellationToken) =>
        (await database.Command("SELECT phone_number_id FROM channels_channel_ids WHERE channel_id = @uuid").With("uuid", channelId)
            .ListAsync(r => r.GetString(0), cancellationToken)).FirstOrDefault();

    public Task CreateMessageAsync(BirdMessageRecord message, IReadOnlyList<string> wamids, CancellationToken cancellationToken) =>
        database.Command(
                """
                INSERT INTO channels_messages (id, channel_id, request, reference, created_at) VALUES (@id, @channel, @request, @reference, @at);
                INSERT INTO channels_message_parts (wamid, id, channel_id, part, parts)
                    SELECT wamid, @id, @channel, (part - 1)::integer, cardinality(@wamids) FROM unnest(@wamids) WITH ORDINALITY AS t(wamid, part)
                    ON CONFLICT (wamid) DO UPDATE SET id = excluded.id, part = excluded.part, parts = excluded.parts;
                """)
            .With("id", message.Id).With("channel", message.ChannelId).With("request", message.Request).With("reference", message.Reference)
            .With("at", message.CreatedAt.Ms()).With("wamids", wamids.ToArray())
            .ExecuteAsync(cancellationToken);

    public Task<BirdMessageRecord?> GetMessageAsync(string channelId, string id, CancellationToken cancellationToken) =>
        database.Command("SELECT id, channel_id, request, reference, created_at FROM channels_messages WHERE id = @id AND channel_id = @channel")
            .With("id", id).With("channel", channelId)
            .FirstOrDefaultAsync(r => new BirdMessageRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.NullableString(3), r.Time(4)), cancellationToken);

    public async Task<IReadOnlyList<string>> PartsAsync(string channelId, string id, CancellationToken cancellationToken) =>
        await database.Command("SELECT wamid FROM channels_message_parts WHERE id = @id AND channel_id = @channel ORDER BY part")
            .With("id", id).With("channel", channelId).ListAsync(r => r.GetString(0), cancellationToken);

    public async Task<IReadOnlyDictionary<string, BirdMessageRef>> IdsOfAsync(string channelId, IReadOnlyCollection<string> wamids, CancellationToken cancellationToken)
    {
        var distinct = wamids.Distinct(StringComparer.Ordinal).ToArray();
        var candidates = distinct.Select(_ => Guid.NewGuid().ToString("D")).ToArray();
        var rows = await database.Command(
                """
                WITH inserted AS (
                    INSERT INTO channels_message_parts (wamid, id, channel_id, part, parts)
                    SELECT wamid, uuid, @channel, 0, 1 FROM unnest(@wamids, @uuids) AS t(wamid, uuid)
                    ON CONFLICT DO NOTHING
                    RETURNING wamid, id, part, parts)
                SELECT wamid, id, part, parts FROM inserted
                UNION ALL SELECT wamid, id, part, parts FROM channels_message_parts WHERE wamid = ANY(@wamids)
                """)
            .With("channel", channelId).With("wamids", distinct).With("uuids", candidates)
            .ListAsync(Ref, cancellationToken);
        var ids = rows.DistinctBy(r => r.Wamid).ToDictionary(r => r.Wamid, r => r.Ref, StringComparer.Ordinal);
        if (ids.Count < distinct.Length)
        {
            // Parts another node inserted at the same moment: invisible to that statement's snapshot (see IdOfAsync).
            var late = await database.Command("SELECT wamid, id, part, parts FROM channels_message_parts WHERE wamid = ANY(@wamids)")
                .With("wamids", distinct.Where(w => !ids.ContainsKey(w)).ToArray())
                .ListAsync(Ref, cancellationToken);
            foreach (var (wamid, reference) in late)
            {
                ids[wamid] = reference;
            }
        }
        return ids;

        static (string Wamid, BirdMessageRef Ref) Ref(NpgsqlDataReader r) => (r.GetString(0), new BirdMessageRef(r.GetString(1), r.GetInt32(2), r.GetInt32(3)));
    }
}
