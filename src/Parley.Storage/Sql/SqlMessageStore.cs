using System.Data.Common;
using System.Text;
using Parley.Core.Model;

namespace Parley.Storage.Sql;

/// <summary>
/// Messages: lookups, lists and reads written once. Accepting (group commit on SQLite, one statement on PostgreSQL) and
/// the status history (PostgreSQL stores the 'accepted' row, SQLite reads it off the message) are each store's own.
/// </summary>
internal abstract class SqlMessageStore(ISqlDatabase db) : IMessageStore
{
    protected const string Columns = "id, channel_id, direction, peer, type, payload, status, biz_opaque, error, created_at, updated_at";

    public abstract Task<AcceptResult> AcceptAsync(OutboundMessage message, string? idempotencyKey, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<StatusChange>> GetHistoryAsync(string messageId, CancellationToken cancellationToken);

    public Task<StoredMessage?> GetAsync(string channelId, string messageId, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {Columns} FROM messages WHERE id = @id AND channel_id = @channel", Map,
            [("id", messageId), ("channel", channelId)], cancellationToken);

    public async Task<Page<StoredMessage>> ListAsync(MessageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT {Columns} FROM messages WHERE channel_id = @channel");
        List<SqlArg> args = [("channel", query.ChannelId), ("limit", query.Limit + 1)];
        void Filter(string condition, SqlArg arg)
        {
            sql.Append(" AND ").Append(condition);
            args.Add(arg);
        }
        if (query.Direction is { } direction) Filter("direction = @direction", ("direction", (int)direction));
        if (query.Peer is { } peer) Filter(SqlUsers.PeerIsUser, ("peer", peer));
        if (query.Status is { } status) Filter("status = @status", ("status", (int)status));
        if (query.Since is { } since) Filter("created_at >= @since", ("since", since));
        if (query.Until is { } until) Filter("created_at < @until", ("until", until));
        if (query.Before is { } before) Filter("(created_at, id) < (SELECT created_at, id FROM messages WHERE id = @before)", ("before", before));
        sql.Append(" ORDER BY created_at DESC, id DESC LIMIT @limit");
        var items = await db.QueryAsync(sql.ToString(), Map, [.. args], cancellationToken);
        string? next = null;
        if (items.Count > query.Limit)
        {
            items.RemoveAt(items.Count - 1);
            next = items[^1].Id;
        }
        return new Page<StoredMessage>(items, next);
    }

    public async Task<DateTimeOffset?> GetLastInboundAsync(string channelId, string waId, CancellationToken cancellationToken)
    {
        // The window is the user's, whichever identity the message is addressed to (SqlUsers).
        var found = await db.QueryAsync($"SELECT last_inbound_at FROM conversation_windows WHERE channel_id = @channel AND wa_id = {SqlUsers.KeyOf}",
            r => r.Time(0), [("channel", channelId), ("peer", waId)], cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<DateTimeOffset?> GetLastEntryPointAsync(string channelId, string waId, DateTimeOffset since, CancellationToken cancellationToken) =>
        // The user's, whichever identity they wrote from (SqlUsers): a lookup per identity in the partial index of inbound
        // messages (messages_inbound_peer), so a send costs the user's inbound messages, not the channel's. The unary plus
        // keeps the planner off the channel-wide (channel_id, created_at) index, which would scan every recent message.
        db.FirstOrDefaultAsync<DateTimeOffset?>(
            $$"""
            SELECT MAX(created_at) FROM messages
            WHERE channel_id = @channel AND direction = 1
                AND peer IN (SELECT @peer UNION SELECT alias FROM wa_user_aliases WHERE channel_id = @channel AND user_key = {{SqlUsers.KeyOf}})
                AND +created_at >= @since AND payload LIKE '%"referral":{%'
            """,
            r => r.IsDBNull(0) ? null : r.Time(0), [("channel", channelId), ("peer", waId), ("since", since)], cancellationToken);

    public Task<bool> MarkInboundReadAsync(string channelId, string messageId, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            var found = await sql.QueryAsync($"SELECT status FROM messages WHERE id = @id AND channel_id = @channel AND direction = 1{db.ForUpdate}",
                r => r.GetInt32(0), [("id", messageId), ("channel", channelId)], cancellationToken);
            if (found.Count == 0)
            {
                return false;
            }
            if (found[0] != (int)MessageStatus.Read)
            {
                SqlArg[] args = [("id", messageId), ("status", (int)MessageStatus.Read), ("at", at)];
                await sql.ExecuteAsync("UPDATE messages SET status = @status, updated_at = @at WHERE id = @id", args, cancellationToken);
                await sql.ExecuteAsync("INSERT INTO message_statuses (message_id, status, at) VALUES (@id, @status, @at)", args, cancellationToken);
            }
            return true;
        }, cancellationToken);

    protected static StoredMessage Map(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), (MessageDirection)r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetString(5),
        (MessageStatus)r.GetInt32(6), r.NullableString(7), r.NullableString(8), r.Time(9), r.Time(10));
}
