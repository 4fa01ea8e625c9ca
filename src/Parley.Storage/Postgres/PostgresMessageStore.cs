using System.Text;
using Npgsql;
using Parley.Core.Model;

namespace Parley.Storage.Postgres;

internal sealed class PostgresMessageStore(PostgresDatabase database) : IMessageStore
{
    private const string Columns = "id, channel_id, direction, peer, type, payload, status, biz_opaque, error, created_at, updated_at";

    /// <summary>
    /// The message, its 'accepted' history row, its <see cref="EventKinds.Echoes"/> and its dispatch job, for each row of
    /// <c>accepted</c>. The echoes go to the channel's subscriptions of the echo format that take messages: part of the
    /// one statement, a probe of the subscriptions' channel index that inserts nothing for a channel without one.
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
            WHERE s.channel_id = @channel AND s.format = '{EventKinds.EchoFormat}' AND {SubscriptionSql.Wants("s.events", $"'{EventKinds.Messages}'")})
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

    public async Task<AcceptResult> AcceptAsync(OutboundMessage message, string? idempotencyKey, CancellationToken cancellationToken)
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

    public Task<StoredMessage?> GetAsync(string channelId, string messageId, CancellationToken cancellationToken) =>
        database.Command($"SELECT {Columns} FROM messages WHERE id = @id AND channel_id = @channel")
            .With("id", messageId).With("channel", channelId)
            .FirstOrDefaultAsync(Map, cancellationToken);

    public async Task<IReadOnlyList<StatusChange>> GetHistoryAsync(string messageId, CancellationToken cancellationToken) =>
        await database.Command("SELECT status, at, error FROM message_statuses WHERE message_id = @id ORDER BY at, status")
            .With("id", messageId)
            .ListAsync(r => new StatusChange((MessageStatus)r.GetInt32(0), r.Time(1), r.NullableString(2)), cancellationToken);

    public async Task<Page<StoredMessage>> ListAsync(MessageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT {Columns} FROM messages WHERE channel_id = @channel");
        var parameters = new List<NpgsqlParameter> { new NpgsqlParameter<string>("channel", query.ChannelId) };
        void Filter(string condition, NpgsqlParameter parameter)
        {
            sql.Append(" AND ").Append(condition);
            parameters.Add(parameter);
        }
        if (query.Direction is { } direction) Filter("direction = @direction", new NpgsqlParameter<int>("direction", (int)direction));
        if (query.Peer is { } peer) Filter("peer = @peer", new NpgsqlParameter<string>("peer", peer));
        if (query.Status is { } status) Filter("status = @status", new NpgsqlParameter<int>("status", (int)status));
        if (query.Since is { } since) Filter("created_at >= @since", new NpgsqlParameter<long>("since", since.Ms()));
        if (query.Until is { } until) Filter("created_at < @until", new NpgsqlParameter<long>("until", until.Ms()));
        if (query.Before is { } before) Filter("(created_at, id) < (SELECT created_at, id FROM messages WHERE id = @before)", new NpgsqlParameter<string>("before", before));
        sql.Append(" ORDER BY created_at DESC, id DESC LIMIT @limit");
        parameters.Add(new NpgsqlParameter<int>("limit", query.Limit + 1));

        var command = database.Command(sql.ToString());
        command.Parameters.AddRange(parameters.ToArray());
        var items = await command.ListAsync(Map, cancellationToken);
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
        var found = await database.Command("SELECT last_inbound_at FROM conversation_windows WHERE channel_id = @channel AND wa_id = @wa")
            .With("channel", channelId).With("wa", waId)
            .ListAsync(r => r.Time(0), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<bool> MarkInboundReadAsync(string channelId, string messageId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            List<int> found;
            await using (var select = new NpgsqlCommand(
                "SELECT status FROM messages WHERE id = @id AND channel_id = @channel AND direction = 1 FOR UPDATE", connection, transaction))
            {
                found = await select.With("id", messageId).With("channel", channelId).QueryAsync(r => r.GetInt32(0), token);
            }
            if (found.Count == 0)
            {
                return false;
            }
            if (found[0] != (int)MessageStatus.Read)
            {
                await using var update = new NpgsqlCommand(
                    """
                    WITH changed AS (UPDATE messages SET status = @status, updated_at = @at WHERE id = @id RETURNING id)
                    INSERT INTO message_statuses (message_id, status, at) SELECT id, @status, @at FROM changed
                    """, connection, transaction);
                await update.With("id", messageId).With("status", (int)MessageStatus.Read).With("at", at.Ms()).ExecuteNonQueryAsync(token);
            }
            return true;
        }, cancellationToken);

    private static StoredMessage Map(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), (MessageDirection)r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetString(5),
        (MessageStatus)r.GetInt32(6), r.NullableString(7), r.NullableString(8), r.Time(9), r.Time(10));
}
