using Microsoft.Data.Sqlite;
using Parley.Core.Model;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteMessageStore(SqliteDatabase database, SqliteSql sql) : SqlMessageStore(sql)
{
    /// <summary>
    /// The accepted message's <see cref="EventKinds.Echoes"/> for the channel's subscriptions whose filter names them. A
    /// prepared statement in the accept's own write, probing the subscriptions' channel index: a channel without such a
    /// subscription inserts nothing.
    /// </summary>
    private static readonly string EchoFanOut =
        $"""
        INSERT INTO webhook_outbox (subscription_id, channel_id, kind, payload, created_at, next_attempt_at)
        SELECT id, channel_id, '{EventKinds.Echoes}', json_object('id', $id), $at, $at FROM webhook_subscriptions
        WHERE channel_id = $channel AND {SubscriptionSql.Wants("events", $"'{EventKinds.Echoes}'")}
            AND {SubscriptionSql.NotOverridden("", "$channel", $"'{EventKinds.Echoes}'")}
        """;

    public override Task<AcceptResult> AcceptAsync(OutboundMessage message, string? idempotencyKey, CancellationToken cancellationToken) =>
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

    public override Task<IReadOnlyList<StatusChange>> GetHistoryAsync(string messageId, CancellationToken cancellationToken)
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
}
