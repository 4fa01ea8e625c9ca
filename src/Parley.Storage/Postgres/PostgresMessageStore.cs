using Parley.Core.Model;

namespace Parley.Storage.Postgres;

internal sealed class PostgresMessageStore(PostgresDatabase database, PostgresSql sql) : SqlMessageStore(sql)
{
    /// <summary>
    /// The message, its 'accepted' history row, its <see cref="EventKinds.Echoes"/> and its dispatch job, for each row of
    /// <c>accepted</c>. The echoes go to the channel's subscriptions whose filter names them: part of the one statement,
    /// a probe of the subscriptions' channel index that inserts nothing for a channel without one.
    /// </summary>
    private static readonly string StoreAccepted =
        $"""
        message AS (
            INSERT INTO messages (id, channel_id, direction, peer, recipient_type, type, payload, status, biz_opaque, created_at, updated_at)
            SELECT id, @channel, 0, @to, @recipientType, @type, @payload, 0, @opaque, @at, @at FROM accepted
            RETURNING id),
        history AS (
            INSERT INTO message_statuses (message_id, status, at) SELECT id, 0, @at FROM message),
        echoed AS (
            INSERT INTO webhook_outbox (subscription_id, channel_id, kind, payload, created_at, next_attempt_at)
            SELECT s.id, s.channel_id, '{EventKinds.Echoes}', json_build_object('id', message.id)::text, @at, @at
            FROM webhook_subscriptions s, message
            WHERE s.channel_id = @channel AND {SubscriptionSql.Wants("s.events", $"'{EventKinds.Echoes}'")}
                AND {SubscriptionSql.NotOverridden("s.", "@channel", $"'{EventKinds.Echoes}'")})
        INSERT INTO dispatch_jobs (message_id, channel_id, due_at) SELECT id, @channel, @at FROM message
        """;

    /// <summary>One statement, so one transaction and one round trip.</summary>
    private static readonly string Accept = $"WITH accepted AS (SELECT @id AS id), {StoreAccepted}";

    /// <summary>
    /// The key is claimed first; when another request (on any node) holds it, <c>ON CONFLICT DO NOTHING</c> waits for that
    /// transaction and yields no row, so nothing else is stored.
    /// </summary>
    private static readonly string AcceptOnce =
        $"""
        WITH accepted AS (
            INSERT INTO idempotency_keys (channel_id, key, message_id, created_at) VALUES (@channel, @key, @id, @at)
            ON CONFLICT (channel_id, key) DO NOTHING
            RETURNING message_id AS id),
        {StoreAccepted}
        """;

    public override async Task<AcceptResult> AcceptAsync(OutboundMessage message, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var command = database.Command(idempotencyKey is null ? Accept : AcceptOnce)
            .With("id", message.Id).With("channel", message.ChannelId).With("to", message.To).With("recipientType", message.RecipientType)
            .With("type", message.Type).With("payload", message.Payload).With("opaque", message.BizOpaqueCallbackData)
            .With("at", message.CreatedAt.Ms());
        if (idempotencyKey is not null)
        {
            command.With("key", idempotencyKey);
        }
        if (await command.ExecuteAsync(cancellationToken) > 0)
        {
            return new AcceptResult(message.Id, message.To, Replayed: false);
        }
        // The key was taken: the winner has committed (a new statement sees it), so read back its message.
        return await database.Command(
                "SELECT m.id, m.peer FROM idempotency_keys k JOIN messages m ON m.id = k.message_id WHERE k.channel_id = @channel AND k.key = @key")
            .With("channel", message.ChannelId).With("key", idempotencyKey!)
            .FirstOrDefaultAsync(r => new AcceptResult(r.GetString(0), r.GetString(1), Replayed: true), cancellationToken)
            ?? throw new InvalidOperationException("The idempotency key is held, but its message is missing.");
    }

    public override async Task<IReadOnlyList<StatusChange>> GetHistoryAsync(string messageId, CancellationToken cancellationToken) =>
        await database.Command("SELECT status, at, error FROM message_statuses WHERE message_id = @id ORDER BY at, status")
            .With("id", messageId)
            .ListAsync(r => new StatusChange((MessageStatus)r.GetInt32(0), r.Time(1), r.NullableString(2)), cancellationToken);
}
