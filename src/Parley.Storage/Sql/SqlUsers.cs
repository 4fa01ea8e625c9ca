using Parley.Core.Model;
using Parley.Core.Users;

namespace Parley.Storage.Sql;

/// <summary>
/// The users and their aliases (<see cref="IUserStore"/>), written once for both stores. A user's conversation key is the
/// first identity the channel saw of them (BSUID preferred): <c>conversation_windows.wa_id</c> holds that key, and a
/// message's <c>peer</c> stays the identity it was exchanged with, found again through the aliases.
/// </summary>
internal static class SqlUsers
{
    /// <summary>The conversation key of the identity <c>@peer</c> of channel <c>@channel</c>: its alias's key, or itself when unknown.</summary>
    public const string KeyOf = "COALESCE((SELECT user_key FROM wa_user_aliases WHERE channel_id = @channel AND alias = @peer), @peer)";

    /// <summary>A filter on <c>peer</c>: every identity of the user named by <c>@peer</c> (only <c>@peer</c> when unknown).</summary>
    public const string PeerIsUser =
        "(peer = @peer OR peer IN (SELECT alias FROM wa_user_aliases WHERE channel_id = @channel AND user_key = " + KeyOf + "))";

    private const string Find =
        """
        SELECT u.wa_id, u.user_id, u.parent_user_id, u.username, u.profile_name FROM wa_user_aliases a
        JOIN wa_users u ON u.channel_id = a.channel_id AND u.user_key = a.user_key
        WHERE a.channel_id = @channel AND a.alias = @peer
        """;

    public static Task<WhatsAppUser?> FindAsync(ISql sql, string channelId, string identity, CancellationToken cancellationToken) =>
        sql.FirstOrDefaultAsync(Find, r => new WhatsAppUser(r.NullableString(0), r.NullableString(1), r.NullableString(2), r.NullableString(3), r.GetString(4)),
            [("channel", channelId), ("peer", identity)], cancellationToken);

    /// <summary>
    /// Records the sender of <paramref name="inbound"/> and returns their conversation key. Identities already known
    /// keep their key; identities that were two users until now (a BSUID-only user who shares their number, a change
    /// of number) become one: their aliases and windows move to one key.
    /// </summary>
    public static Task<string> RememberAsync(ISql sql, InboundEvent inbound, CancellationToken cancellationToken) =>
        RememberAsync(sql, inbound.ChannelId, inbound.User, inbound.Identities, inbound.At, cancellationToken);

    /// <summary>
    /// What a status teaches: the network named the BSUID of a recipient addressed by phone number (Meta's statuses carry
    /// <c>recipient_user_id</c>), so both are one user from now on. Returns the user as now known, or null when there is
    /// nothing to learn.
    /// </summary>
    public static async Task<WhatsAppUser?> LearnAsync(ISql sql, StatusEvent status, string peer, string recipientType, WhatsAppUser? known, CancellationToken cancellationToken)
    {
        if (status.RecipientUserId is not { } userId || recipientType == "group" || Bsuid.IsValid(peer) || !Bsuid.IsValid(userId) || known?.UserId == userId)
        {
            return null;
        }
        var user = new WhatsAppUser(peer, userId, null, null, "");
        await RememberAsync(sql, status.ChannelId, user, user.Identities, status.At, cancellationToken);
        return await FindAsync(sql, status.ChannelId, peer, cancellationToken);
    }

    private static async Task<string> RememberAsync(
        ISql sql, string channel, WhatsAppUser user, IEnumerable<string> identitiesSeen, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var identities = identitiesSeen.Distinct(StringComparer.Ordinal).ToList();
        var (names, inArgs) = SqlExtensions.InList(identities);
        var found = await sql.QueryAsync($"SELECT alias, user_key FROM wa_user_aliases WHERE channel_id = @channel AND alias IN ({names})",
            r => (Alias: r.GetString(0), Key: r.GetString(1)), [.. inArgs, ("channel", channel)], cancellationToken);
        string? KeyOfAlias(string? alias) => alias is null ? null : found.FirstOrDefault(f => f.Alias == alias).Key;
        var key = KeyOfAlias(user.UserId) ?? KeyOfAlias(user.WaId) ?? found.Select(f => f.Key).FirstOrDefault() ?? user.UserId ?? user.WaId!;
        foreach (var other in found.Select(f => f.Key).Where(k => k != key).Distinct(StringComparer.Ordinal).ToList())
        {
            await MergeAsync(sql, channel, other, key, cancellationToken);
        }
        foreach (var alias in identities.Where(i => found.All(f => f.Alias != i)))
        {
            await sql.ExecuteAsync(
                "INSERT INTO wa_user_aliases (channel_id, alias, user_key) VALUES (@channel, @alias, @key) ON CONFLICT (channel_id, alias) DO NOTHING",
                [("channel", channel), ("alias", alias), ("key", key)], cancellationToken);
        }
        await sql.ExecuteAsync(
            """
            INSERT INTO wa_users (channel_id, user_key, wa_id, user_id, parent_user_id, username, profile_name, updated_at)
            VALUES (@channel, @key, @wa, @user, @parent, @username, @name, @at)
            ON CONFLICT (channel_id, user_key) DO UPDATE SET
                wa_id = COALESCE(excluded.wa_id, wa_users.wa_id),
                user_id = COALESCE(excluded.user_id, wa_users.user_id),
                parent_user_id = COALESCE(excluded.parent_user_id, wa_users.parent_user_id),
                username = COALESCE(excluded.username, wa_users.username),
                profile_name = CASE WHEN excluded.profile_name = '' THEN wa_users.profile_name ELSE excluded.profile_name END,
                updated_at = excluded.updated_at
            WHERE excluded.updated_at >= wa_users.updated_at
            """,
            [("channel", channel), ("key", key), ("wa", user.WaId), ("user", user.UserId), ("parent", user.ParentUserId),
             ("username", user.Username), ("name", user.ProfileName), ("at", at.Ms())], cancellationToken);
        return key;
    }

    /// <summary>Moves user <paramref name="from"/> into <paramref name="into"/>: aliases, and the later of the two windows.</summary>
    private static async Task MergeAsync(ISql sql, string channel, string from, string into, CancellationToken cancellationToken)
    {
        SqlArg[] args = [("channel", channel), ("from", from), ("into", into)];
        await sql.ExecuteAsync("UPDATE wa_user_aliases SET user_key = @into WHERE channel_id = @channel AND user_key = @from", args, cancellationToken);
        var window = await sql.QueryAsync("SELECT last_inbound_at FROM conversation_windows WHERE channel_id = @channel AND wa_id = @from",
            r => r.GetInt64(0), args, cancellationToken);
        if (window.Count > 0)
        {
            await sql.ExecuteAsync(
                """
                INSERT INTO conversation_windows (channel_id, wa_id, last_inbound_at) VALUES (@channel, @into, @at)
                ON CONFLICT (channel_id, wa_id) DO UPDATE SET last_inbound_at = CASE
                    WHEN excluded.last_inbound_at > conversation_windows.last_inbound_at THEN excluded.last_inbound_at
                    ELSE conversation_windows.last_inbound_at END
                """, [.. args, ("at", window[0])], cancellationToken);
            await sql.ExecuteAsync("DELETE FROM conversation_windows WHERE channel_id = @channel AND wa_id = @from", args, cancellationToken);
        }
        var merged = await sql.QueryAsync("SELECT wa_id, user_id, parent_user_id, username, profile_name, updated_at FROM wa_users WHERE channel_id = @channel AND user_key = @from",
            r => (Wa: r.NullableString(0), User: r.NullableString(1), Parent: r.NullableString(2), Username: r.NullableString(3), Name: r.GetString(4), At: r.GetInt64(5)),
            args, cancellationToken);
        if (merged.Count > 0)
        {
            // What only the merged user knew (a phone number, a username) fills the gaps of the user it joins.
            var old = merged[0];
            await sql.ExecuteAsync(
                """
                UPDATE wa_users SET wa_id = COALESCE(wa_id, @wa), user_id = COALESCE(user_id, @user),
                    parent_user_id = COALESCE(parent_user_id, @parent), username = COALESCE(username, @username)
                WHERE channel_id = @channel AND user_key = @into
                """, [.. args, ("wa", old.Wa), ("user", old.User), ("parent", old.Parent), ("username", old.Username)], cancellationToken);
            await sql.ExecuteAsync(
                """
                INSERT INTO wa_users (channel_id, user_key, wa_id, user_id, parent_user_id, username, profile_name, updated_at)
                SELECT @channel, @into, @wa, @user, @parent, @username, @name, @at
                WHERE NOT EXISTS (SELECT 1 FROM wa_users WHERE channel_id = @channel AND user_key = @into)
                """, [.. args, ("wa", old.Wa), ("user", old.User), ("parent", old.Parent), ("username", old.Username), ("name", old.Name), ("at", old.At)], cancellationToken);
            await sql.ExecuteAsync("DELETE FROM wa_users WHERE channel_id = @channel AND user_key = @from", args, cancellationToken);
        }
    }
}

/// <summary><see cref="IUserStore"/> on either database.</summary>
internal sealed class SqlUserStore(ISqlDatabase db) : IUserStore
{
    public Task<WhatsAppUser?> FindAsync(string channelId, string identity, CancellationToken cancellationToken) =>
        SqlUsers.FindAsync(db, channelId, identity, cancellationToken);

    public async Task<IReadOnlyList<string>> IdentitiesAsync(string channelId, string identity, CancellationToken cancellationToken)
    {
        var aliases = await db.QueryAsync(
            $"SELECT alias FROM wa_user_aliases WHERE channel_id = @channel AND user_key = {SqlUsers.KeyOf}",
            r => r.GetString(0), [("channel", channelId), ("peer", identity)], cancellationToken);
        return [.. aliases.Append(identity).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
