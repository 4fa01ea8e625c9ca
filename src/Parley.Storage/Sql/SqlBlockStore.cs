namespace Parley.Storage.Sql;

/// <summary>
/// <see cref="IBlockStore"/> on either database: <c>wa_blocked_users</c> (one row per block, with the phone number or
/// BSUID it lists and the BSUID when known) and <c>wa_blocklists</c> (each number's list version, bumped by every change).
/// </summary>
internal sealed class SqlBlockStore(ISqlDatabase db) : IBlockStore
{
    /// <summary>The blocks of the user named by <c>@peer</c>: by that identity, or by any alias the channel knows of them.</summary>
    private const string MatchesUser =
        "channel_id = @channel AND (wa_id = @peer OR user_id = @peer"
        + " OR wa_id IN (SELECT alias FROM wa_user_aliases WHERE channel_id = @channel AND user_key = " + SqlUsers.KeyOf + ")"
        + " OR user_id IN (SELECT alias FROM wa_user_aliases WHERE channel_id = @channel AND user_key = " + SqlUsers.KeyOf + "))";

    private const string BumpVersion =
        """
        INSERT INTO wa_blocklists (channel_id, version) VALUES (@channel, 1)
        ON CONFLICT (channel_id) DO UPDATE SET version = wa_blocklists.version + 1
        """;

    public Task<IReadOnlyList<bool>> BlockAsync(string channelId, IReadOnlyList<BlockedUser> users, int capacity, CancellationToken cancellationToken) =>
        db.InTransactionAsync<IReadOnlyList<bool>>(async sql =>
        {
            // The version row is written first so that, on PostgreSQL, blocks of one number run one after another.
            await sql.ExecuteAsync(BumpVersion, [("channel", channelId)], cancellationToken);
            var count = (await sql.QueryAsync("SELECT COUNT(*) FROM wa_blocked_users WHERE channel_id = @channel",
                r => r.GetInt64(0), [("channel", channelId)], cancellationToken))[0];
            var results = new List<bool>(users.Count);
            foreach (var user in users)
            {
                if (await IsBlockedAsync(sql, channelId, user.WaId, cancellationToken)
                    || (user.UserId is not null && await IsBlockedAsync(sql, channelId, user.UserId, cancellationToken)))
                {
                    results.Add(true);
                    continue;
                }
                if (count >= capacity)
                {
                    results.Add(false);
                    continue;
                }
                await sql.ExecuteAsync(
                    """
                    INSERT INTO wa_blocked_users (channel_id, wa_id, user_id, blocked_at) VALUES (@channel, @wa, @user, @at)
                    ON CONFLICT (channel_id, wa_id) DO NOTHING
                    """,
                    [("channel", channelId), ("wa", user.WaId), ("user", user.UserId), ("at", user.BlockedAt)], cancellationToken);
                count++;
                results.Add(true);
            }
            return results;
        }, cancellationToken);

    public Task UnblockAsync(string channelId, IReadOnlyList<string> identities, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            await sql.ExecuteAsync(BumpVersion, [("channel", channelId)], cancellationToken);
            foreach (var identity in identities)
            {
                await sql.ExecuteAsync($"DELETE FROM wa_blocked_users WHERE {MatchesUser}", [("channel", channelId), ("peer", identity)], cancellationToken);
            }
            return true;
        }, cancellationToken);

    public Task<bool> IsBlockedAsync(string channelId, string identity, CancellationToken cancellationToken) =>
        IsBlockedAsync(db, channelId, identity, cancellationToken);

    private static async Task<bool> IsBlockedAsync(ISql sql, string channelId, string identity, CancellationToken cancellationToken) =>
        (await sql.QueryAsync($"SELECT 1 FROM wa_blocked_users WHERE {MatchesUser} LIMIT 1",
            r => true, [("channel", channelId), ("peer", identity)], cancellationToken)).Count > 0;

    public async Task<BlocklistPage> ListAsync(string channelId, int offset, int limit, CancellationToken cancellationToken)
    {
        SqlArg[] args = [("channel", channelId), ("offset", offset), ("limit", limit)];
        var version = await db.FirstOrDefaultAsync("SELECT version FROM wa_blocklists WHERE channel_id = @channel", r => r.GetInt64(0), args, cancellationToken);
        var total = (await db.QueryAsync("SELECT COUNT(*) FROM wa_blocked_users WHERE channel_id = @channel", r => r.GetInt64(0), args, cancellationToken))[0];
        var users = await db.QueryAsync(
            "SELECT wa_id, user_id, blocked_at FROM wa_blocked_users WHERE channel_id = @channel ORDER BY blocked_at DESC, wa_id LIMIT @limit OFFSET @offset",
            r => new BlockedUser(r.GetString(0), r.NullableString(1), r.Time(2)), args, cancellationToken);
        return new BlocklistPage(users, offset, (int)total, version);
    }
}
