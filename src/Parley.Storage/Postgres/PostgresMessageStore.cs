using Parley.Core.Model;

namespace Parley.Storage.Postgres;

internal sealed class PostgresMessageStore(PostgresDatabase database, PostgresSql sql) : SqlMessageStore(sql)
{
    private readonly PostgresGroupCommit<OutboundMessage> _writer = new(messages => StoreManyAsync(database, messages), message => StoreOneAsync(database, message));

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
    /// <see cref="StoreAccepted"/> for many messages (of any channels) in one statement: the rows come as one array per
    /// column, so the statement's text, and its prepared plan, is the same whatever the batch's size.
    /// </summary>
    private static readonly string AcceptMany =
        $"""
        WITH accepted AS (
            SELECT * FROM unnest(@ids, @channels, @peers, @recipientTypes, @types, @payloads, @opaques, @ats)
                AS a(id, channel_id, peer, recipient_type, type, payload, biz_opaque, at)),
        message AS (
            INSERT INTO messages (id, channel_id, direction, peer, recipient_type, type, payload, status, biz_opaque, created_at, updated_at)
            SELECT id, channel_id, 0, peer, recipient_type, type, payload, 0, biz_opaque, at, at FROM accepted
            RETURNING id, channel_id, created_at),
        history AS (
            INSERT INTO message_statuses (message_id, status, at) SELECT id, 0, created_at FROM message),
        echoed AS (
            INSERT INTO webhook_outbox (subscription_id, channel_id, kind, payload, created_at, next_attempt_at)
            SELECT s.id, s.channel_id, '{EventKinds.Echoes}', json_build_object('id', message.id)::text, message.created_at, message.created_at
            FROM message JOIN webhook_subscriptions s ON s.channel_id = message.channel_id
            WHERE {SubscriptionSql.Wants("s.events", $"'{EventKinds.Echoes}'")}
                AND {SubscriptionSql.NotOverridden("s.", "message.channel_id", $"'{EventKinds.Echoes}'")})
        INSERT INTO dispatch_jobs (message_id, channel_id, due_at) SELECT id, channel_id, created_at FROM message
        """;

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
        if (idempotencyKey is null)
        {
            // Group-committed with the accepts running alongside; completes once committed.
            await _writer.WriteAsync(message);
            return new AcceptResult(message.Id, message.To, Replayed: false);
        }
        var command = database.Command(AcceptOnce)
            .With("id", message.Id).With("channel", message.ChannelId).With("to", message.To).With("recipientType", message.RecipientType)
            .With("type", message.Type).With("payload", message.Payload).With("opaque", message.BizOpaqueCallbackData)
            .With("at", message.CreatedAt.Ms()).With("key", idempotencyKey);
        if (await command.ExecuteAsync(cancellationToken) > 0)
        {
            return new AcceptResult(message.Id, message.To, Replayed: false);
        }
        // The key was taken: the winner has committed (a new statement sees it), so read back its message.
        return await database.Command(
                "SELECT m.id, m.peer FROM idempotency_keys k JOIN messages m ON m.id = k.message_id WHERE k.channel_id = @channel AND k.key = @key")
            .With("channel", message.ChannelId).With("key", idempotencyKey)
            .FirstOrDefaultAsync(r => new AcceptResult(r.GetString(0), r.GetString(1), Replayed: true), cancellationToken)
            ?? throw new InvalidOperationException("The idempotency key is held, but its message is missing.");
    }

    private static Task<int> StoreOneAsync(PostgresDatabase database, OutboundMessage message) =>
        database.Command(Accept)
            .With("id", message.Id).With("channel", message.ChannelId).With("to", message.To).With("recipientType", message.RecipientType)
            .With("type", message.Type).With("payload", message.Payload).With("opaque", message.BizOpaqueCallbackData)
            .With("at", message.CreatedAt.Ms())
            .ExecuteAsync(CancellationToken.None);

    private static Task<int> StoreManyAsync(PostgresDatabase database, IReadOnlyList<OutboundMessage> messages) =>
        database.Command(AcceptMany)
            .With("ids", messages.Select(m => m.Id).ToArray()).With("channels", messages.Select(m => m.ChannelId).ToArray())
            .With("peers", messages.Select(m => m.To).ToArray()).With("recipientTypes", messages.Select(m => m.RecipientType).ToArray())
            .With("types", messages.Select(m => m.Type).ToArray()).With("payloads", messages.Select(m => m.Payload).ToArray())
            .With("opaques", messages.Select(m => m.BizOpaqueCallbackData).ToArray()).With("ats", messages.Select(m => m.CreatedAt.Ms()).ToArray())
            .ExecuteAsync(CancellationToken.None);

    public override async Task<IReadOnlyList<StatusChange>> GetHistoryAsync(string messageId, CancellationToken cancellationToken) =>
        await database.Command("SELECT status, at, error FROM message_statuses WHERE message_id = @id ORDER BY at, status")
            .With("id", messageId)
            .ListAsync(r => new StatusChange((MessageStatus)r.GetInt32(0), r.Time(1), r.NullableString(2)), cancellationToken);
}
