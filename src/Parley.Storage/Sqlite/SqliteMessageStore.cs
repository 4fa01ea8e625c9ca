using System.Text;
using Microsoft.Data.Sqlite;
using Parley.Core.Model;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteMessageStore(SqliteDatabase database) : IMessageStore
{
    private const string Columns = "id, channel_id, direction, peer, type, payload, status, biz_opaque, error, created_at, updated_at";

    /// <summary>
    /// The accepted message's <see cref="EventKinds.Echoes"/> for the channel's subscriptions of the echo format that take
    /// messages. A prepared statement in the accept's own write, probing the subscriptions' channel index: a channel
    /// without such a subscription inserts nothing.
    /// </summary>
    private static readonly string EchoFanOut =
        $"""
        INSERT INTO webhook_outbox (subscription_id, channel_id, kind, payload, created_at, next_attempt_at)
        SELECT id, channel_id, '{EventKinds.Echoes}', json_object('id', $id), $at, $at FROM webhook_subscriptions
        WHERE channel_id = $channel AND format = '{EventKinds.EchoFormat}' AND {SubscriptionSql.Wants("events", $"'{EventKinds.Messages}'")}
        """;

    public Task<AcceptResult> AcceptAsync(OutboundMessage message, string? idempotencyKey, CancellationToken cancellationToken) =>
        database.WriteAsync(c => Accept(c, message, idempotencyKey), cancellationToken);

    private static AcceptResult Accept(SqliteConnection c, OutboundMessage message, string? idempotencyKey)
    {
        if (idempotencyKey is not null)
        {
            var earlier = c.Query(
                "SELECT m.id, m.peer FROM idempotency_keys k JOIN messages m ON m.id = k.message_id WHERE k.channel_id = $channel AND k.key = $key",
                r => new AcceptResult(r.GetString(0), r.GetString(1), Replayed: true),
                ("$channel", message.ChannelId), ("$key", idempotencyKey)).FirstOrDefault();
            if (earlier is not null)
            {
                return earlier;
            }
            c.Execute(
                "INSERT INTO idempotency_keys (channel_id, key, message_id, created_at) VALUES ($channel, $key, $id, $at)",
                ("$channel", message.ChannelId), ("$key", idempotencyKey), ("$id", message.Id), ("$at", message.CreatedAt.Ms()));
        }
        var at = message.CreatedAt.Ms();
        c.Execute(
            $"""
            INSERT INTO messages (id, channel_id, direction, peer, recipient_type, type, payload, status, biz_opaque, created_at, updated_at, due_at, number)
            VALUES ($id, $channel, 0, $to, $recipientType, $type, $payload, 0, $opaque, $at, $at, $at, {SqliteMessageHistoryStore.NextNumber})
            """,
            ("$id", message.Id), ("$channel", message.ChannelId), ("$to", message.To), ("$recipientType", message.RecipientType),
            ("$type", message.Type), ("$payload", message.Payload), ("$opaque", message.BizOpaqueCallbackData), ("$at", at));
        c.Execute(EchoFanOut, ("$id", message.Id), ("$channel", message.ChannelId), ("$at", at));
        return new AcceptResult(message.Id, message.To, Replayed: false);
    }

    public Task<StoredMessage?> GetAsync(string channelId, string messageId, CancellationToken cancellationToken)
    {
        return Task.FromResult(database.Read(c => c.Query(
            $"SELECT {Columns} FROM messages WHERE id = $id AND channel_id = $channel", Map,
            ("$id", messageId), ("$channel", channelId)).FirstOrDefault()));
    }

    public Task<IReadOnlyList<StatusChange>> GetHistoryAsync(string messageId, CancellationToken cancellationToken)
    {
        // "accepted" is the outbound message's creation; later steps are rows of message_statuses.
        return Task.FromResult<IReadOnlyList<StatusChange>>(database.Read(c => c.Query(
            """
            SELECT 0, created_at, NULL, 0 FROM messages WHERE id = $id AND direction = 0
            UNION ALL
            SELECT status, at, error, 1 FROM message_statuses WHERE message_id = $id
            ORDER BY 2, 4, 1
            """,
            r => new StatusChange((MessageStatus)r.GetInt32(0), r.Time(1), r.NullableString(2)), ("$id", messageId))));
    }

    public Task<Page<StoredMessage>> ListAsync(MessageQuery query, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM messages WHERE channel_id = $channel");
        if (query.Direction is not null) sql.Append(" AND direction = $direction");
        if (query.Peer is not null) sql.Append(" AND peer = $peer");
        if (query.Status is not null) sql.Append(" AND status = $status");
        if (query.Since is not null) sql.Append(" AND created_at >= $since");
        if (query.Until is not null) sql.Append(" AND created_at < $until");
        if (query.Before is not null) sql.Append(" AND (created_at, id) < (SELECT created_at, id FROM messages WHERE id = $before)");
        sql.Append(" ORDER BY created_at DESC, id DESC LIMIT $limit");

        var items = database.Read(c => c.Query(sql.ToString(), Map,
            ("$channel", query.ChannelId), ("$direction", (int?)query.Direction), ("$peer", query.Peer), ("$status", (int?)query.Status),
            ("$since", query.Since?.Ms()), ("$until", query.Until?.Ms()), ("$before", query.Before), ("$limit", query.Limit + 1)));
        string? next = null;
        if (items.Count > query.Limit)
        {
            items.RemoveAt(items.Count - 1);
            next = items[^1].Id;
        }
        return Task.FromResult(new Page<StoredMessage>(items, next));
    }

    public Task<DateTimeOffset?> GetLastInboundAsync(string channelId, string waId, CancellationToken cancellationToken)
    {
        var ms = database.Read(c => c.Query(
            "SELECT last_inbound_at FROM conversation_windows WHERE channel_id = $channel AND wa_id = $wa",
            r => r.GetInt64(0), ("$channel", channelId), ("$wa", waId)));
        return Task.FromResult<DateTimeOffset?>(ms.Count == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms[0]));
    }

    public Task<bool> MarkInboundReadAsync(string channelId, string messageId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(c =>
        {
            var found = c.Query(
                "SELECT status FROM messages WHERE id = $id AND channel_id = $channel AND direction = 1",
                r => r.GetInt32(0), ("$id", messageId), ("$channel", channelId));
            if (found.Count == 0)
            {
                return false;
            }
            if (found[0] != (int)MessageStatus.Read)
            {
                c.Execute("UPDATE messages SET status = $status, updated_at = $at WHERE id = $id",
                    ("$id", messageId), ("$status", (int)MessageStatus.Read), ("$at", at.Ms()));
                c.Execute("INSERT INTO message_statuses (message_id, status, at) VALUES ($id, $status, $at)",
                    ("$id", messageId), ("$status", (int)MessageStatus.Read), ("$at", at.Ms()));
            }
            return true;
        }, cancellationToken);

    private static StoredMessage Map(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), (MessageDirection)r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetString(5),
        (MessageStatus)r.GetInt32(6), r.NullableString(7), r.NullableString(8), r.Time(9), r.Time(10));
}
