using Npgsql;
using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Core.Users;

namespace Parley.Storage.Postgres;

/// <summary>
/// Applies upstream events inside a transaction: message state, the 24-hour window and the outbox fan-out. Whichever node
/// an event reaches, it takes effect once: a status is decided under the message's row lock (so a repeated or late status
/// is not progress), and an inbound message is keyed by its id (a repeated one inserts nothing, so it opens no window and
/// fans out nothing).
/// </summary>
internal static class PostgresEvents
{
    /// <summary>The subscriptions of <c>@channel</c> that want <c>@kind</c> (<c>*</c>, or <c>@kind</c> in their comma list) and are not overridden for it.</summary>
    private static readonly string Subscribed =
        $"s.channel_id = @channel AND {SubscriptionSql.Wants("s.events", "@kind")} AND {SubscriptionSql.NotOverridden("s.", "@channel", "@kind")}";

    /// <summary>
    /// A participant's receipt of a group message that does not move the message's own status: the webhook only, to the
    /// subscriptions that want statuses (<c>@kind</c>), stored as <see cref="EventKinds.ParticipantStatuses"/> (<c>@stored</c>).
    /// </summary>
    private static readonly string FanOutStatus =
        $"""
        INSERT INTO webhook_outbox (subscription_id, channel_id, kind, payload, created_at, next_attempt_at)
        SELECT s.id, s.channel_id, @stored, @payload, @now, @now FROM webhook_subscriptions s
        WHERE {Subscribed}
        """;

    private static readonly string ApplyInbound =
        $"""
        WITH numbered AS (
            -- The channel's next message number (a repeated event that finds its message already stored takes none).
            INSERT INTO message_numbers (channel_id, last) SELECT @channel, 1 WHERE NOT EXISTS (SELECT 1 FROM messages WHERE id = @id)
            ON CONFLICT (channel_id) DO UPDATE SET last = message_numbers.last + 1
            RETURNING last),
        inserted AS (
            INSERT INTO messages (id, channel_id, direction, peer, recipient_type, type, payload, status, created_at, updated_at, number)
            SELECT @id, @channel, 1, @peer, @chat, @type, @message, @status, @at, @at, last FROM numbered
            ON CONFLICT (id) DO NOTHING
            RETURNING id, number),
        opened AS (
            INSERT INTO conversation_windows (channel_id, wa_id, last_inbound_at) SELECT @channel, @key, @at FROM inserted WHERE @opens
            ON CONFLICT (channel_id, wa_id) DO UPDATE SET last_inbound_at = GREATEST(conversation_windows.last_inbound_at, excluded.last_inbound_at))
        INSERT INTO webhook_outbox (subscription_id, channel_id, kind, payload, created_at, next_attempt_at)
        SELECT s.id, s.channel_id, @kind, left(@payload, -1) || ',"{MessageNumberPayload.Property}":' || inserted.number || chr(125), @now, @now
        FROM webhook_subscriptions s, inserted
        WHERE {Subscribed}
        """;

    /// <summary>
    /// Applies <paramref name="events"/>; <paramref name="first"/>, when given, runs in the same round trip as the locking
    /// read (a completion's deletion of its jobs). Three round trips in the common case however many events: the locking
    /// read (with the recipients' users and group receipts), the writes, and the caller's commit.
    /// </summary>
    public static async Task ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<UpstreamEvent> events, DateTimeOffset now, CancellationToken cancellationToken,
        NpgsqlBatchCommand? first = null)
    {
        // Accepted messages are numbered lazily: number them before an inbound message takes the channel's next number, so
        // numbers follow the conversation. The channel's number row is taken first, as every numbering does.
        foreach (var channel in events.OfType<InboundEvent>().Select(e => e.ChannelId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await PostgresMessageHistoryStore.NumberPendingAsync(connection, transaction, channel, cancellationToken);
        }
        var (messages, receipts) = await LockMessagesAsync(connection, transaction, events, first, cancellationToken);
        // Users first: an inbound message opens its user's window (keyed by the user, whichever identity wrote), and a
        // status names the recipient by every identity the channel knows of them.
        var sql = new PostgresSql.Transaction(connection, transaction);
        var keys = new Dictionary<InboundEvent, string>(ReferenceEqualityComparer.Instance);
        foreach (var inbound in events.OfType<InboundEvent>())
        {
            keys[inbound] = await SqlUsers.RememberAsync(sql, inbound, cancellationToken);
        }
        if (keys.Count > 0)
        {
            // The inbound messages may have taught who the recipients are since the locking read: read them again.
            foreach (var current in messages.Values.Where(m => m.RecipientType != "group").ToList())
            {
                messages[current.Id] = current with { User = await SqlUsers.FindAsync(sql, current.ChannelId, current.Peer, cancellationToken) };
            }
        }
        foreach (var status in events.OfType<StatusEvent>())
        {
            if (messages.TryGetValue(status.MessageId, out var current) && current.ChannelId == status.ChannelId
                && await SqlUsers.LearnAsync(sql, status, current.Peer, current.RecipientType, current.User, cancellationToken) is { } learned)
            {
                messages[status.MessageId] = current with { User = learned };
            }
        }
        await using var batch = new NpgsqlBatch(connection, transaction);
        var writes = new PostgresStatusWrites();
        foreach (var item in events)
        {
            switch (item)
            {
                case StatusEvent status:
                    if (Status(status, messages, receipts, now, batch, writes) && status.Pricing is not null)
                    {
                        writes.Price(status);
                    }
                    break;
                case InboundEvent inbound:
                    writes.Flush(batch, now);
                    batch.BatchCommands.Add(Inbound(inbound, keys[inbound], now));
                    break;
                default:
                    throw new ArgumentException($"Unknown event {item.GetType().Name}", nameof(events));
            }
        }
        writes.FlushAll(batch, now);
        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Locks the outbound messages the statuses are about, in id order so that two nodes applying overlapping events
    /// cannot deadlock, and reads what deciding and rendering need: each message with its recipient's user (what
    /// <see cref="SqlUsers.FindAsync"/> finds), then the receipts (per-participant statuses) of the group messages among
    /// them, read under their messages' row locks so that each participant's progress is decided once. One round trip,
    /// with <paramref name="first"/> ahead of it.
    /// </summary>
    private static async Task<(Dictionary<string, Current> Messages, Dictionary<(string MessageId, string Participant), MessageStatus> Receipts)> LockMessagesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<UpstreamEvent> events, NpgsqlBatchCommand? first,
        CancellationToken cancellationToken)
    {
        var messages = new Dictionary<string, Current>(StringComparer.Ordinal);
        var receipts = new Dictionary<(string MessageId, string Participant), MessageStatus>();
        var ids = events.OfType<StatusEvent>().Select(s => s.MessageId).Distinct(StringComparer.Ordinal).ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (first is not null)
        {
            batch.BatchCommands.Add(first);
        }
        if (ids.Length == 0)
        {
            if (first is not null)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            return (messages, receipts);
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand(LockAndRead).With("ids", ids));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(GroupReceipts).With("ids", ids));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        // Npgsql passes over the results of statements that return no rows (the deletion); should one stand first, skip it.
        while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken))
        {
        }
        while (await reader.ReadAsync(cancellationToken))
        {
            var user = reader.IsDBNull(6) ? null
                : new WhatsAppUser(reader.NullableString(7), reader.NullableString(8), reader.NullableString(9), reader.NullableString(10), reader.GetString(11));
            var current = new Current(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.NullableString(4),
                (MessageStatus)reader.GetInt32(5), user);
            messages[current.Id] = current;
        }
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            receipts[(reader.GetString(0), reader.GetString(1))] = (MessageStatus)reader.GetInt32(2);
        }
        return (messages, receipts);
    }

    /// <summary>The messages of <c>@ids</c>, locked in id order, each with its recipient's user when the channel knows one (never a group's).</summary>
    private const string LockAndRead =
        """
        SELECT m.id, m.channel_id, m.peer, m.recipient_type, m.biz_opaque, m.status,
            u.user_key, u.wa_id, u.user_id, u.parent_user_id, u.username, u.profile_name
        FROM messages m
        LEFT JOIN wa_user_aliases a ON a.channel_id = m.channel_id AND a.alias = m.peer AND m.recipient_type <> 'group'
        LEFT JOIN wa_users u ON u.channel_id = a.channel_id AND u.user_key = a.user_key
        WHERE m.id = ANY(@ids) AND m.direction = 0
        ORDER BY m.id
        FOR UPDATE OF m
        """;

    /// <summary>The receipts of the group messages of <c>@ids</c> (run after <see cref="LockAndRead"/>, so under its locks).</summary>
    private const string GroupReceipts =
        """
        SELECT r.message_id, r.participant, r.status FROM wa_group_receipts r JOIN messages m ON m.id = r.message_id
        WHERE m.id = ANY(@ids) AND m.recipient_type = 'group'
        """;

    /// <summary>
    /// Adds the statements that apply <paramref name="status"/> to <paramref name="batch"/> (a change of the message's status to
    /// <paramref name="writes"/>, for one set-based statement); false when it is not progress
    /// (the same rule as SQLite's): a participant's receipt of a group message advances their receipt (and the message's
    /// status on the first participant's), any other status the message's.
    /// </summary>
    private static bool Status(
        StatusEvent status, Dictionary<string, Current> messages, Dictionary<(string MessageId, string Participant), MessageStatus> receipts,
        DateTimeOffset now, NpgsqlBatch batch, PostgresStatusWrites writes)
    {
        if (!messages.TryGetValue(status.MessageId, out var current) || current.ChannelId != status.ChannelId)
        {
            return false;
        }
        if (SqlGroupReceipts.IsReceipt(status, current.RecipientType))
        {
            var key = (status.MessageId, status.ParticipantId!);
            if (!SqlGroupReceipts.Advances(current.Status, receipts.TryGetValue(key, out var receipt) ? receipt : null, status.Status))
            {
                return false;
            }
            receipts[key] = status.Status;
            writes.Flush(batch, now);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(SqlGroupReceipts.Upsert)
                .With("id", status.MessageId).With("participant", status.ParticipantId!).With("status", (int)status.Status).With("at", status.At.Ms()));
        }
        else if (!current.Status.CanAdvanceTo(status.Status))
        {
            return false;
        }
        var payload = CanonicalEvents.Status(status, current.Peer, current.User, current.RecipientType, current.Opaque);
        if (!current.Status.CanAdvanceTo(status.Status))
        {
            writes.Flush(batch, now);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(FanOutStatus)
                .With("channel", status.ChannelId).With("now", now.Ms()).With("kind", EventKinds.Statuses)
                .With("stored", EventKinds.ParticipantStatuses).With("payload", payload));
            return true;
        }
        messages[status.MessageId] = current with { Status = status.Status }; // a later event in the same batch sees this one
        writes.Change(status, status.Error is null ? null : CanonicalEvents.ErrorJson(status.Error), payload);
        return true;
    }

    private static NpgsqlBatchCommand Inbound(InboundEvent inbound, string key, DateTimeOffset now) =>
        new NpgsqlBatchCommand(ApplyInbound)
            .With("id", inbound.MessageId).With("channel", inbound.ChannelId).With("peer", inbound.Peer).With("chat", inbound.ChatType).With("key", key)
            .With("opens", inbound.GroupId is null && CustomerServiceWindow.OpensWith(inbound.Type)).With("type", inbound.Type)
            .With("message", inbound.Message).With("status", (int)MessageStatus.Delivered).With("at", inbound.At.Ms())
            .With("now", now.Ms()).With("kind", EventKinds.Messages).With("payload", CanonicalEvents.Inbound(inbound));

    private sealed record Current(string Id, string ChannelId, string Peer, string RecipientType, string? Opaque, MessageStatus Status, WhatsAppUser? User = null);
}

internal sealed class PostgresEventStore(PostgresDatabase database) : IEventStore
{
    public Task ApplyAsync(IReadOnlyList<UpstreamEvent> events, DateTimeOffset now, CancellationToken cancellationToken) =>
        events.Count == 0
            ? Task.CompletedTask
            : database.InTransactionAsync((connection, transaction, token) => PostgresEvents.ApplyAsync(connection, transaction, events, now, token), cancellationToken);
}
