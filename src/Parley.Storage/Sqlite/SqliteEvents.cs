using Microsoft.Data.Sqlite;
using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Core.Pricing;
using Parley.Core.Users;

namespace Parley.Storage.Sqlite;

/// <summary>
/// Applies upstream events inside a write: message state, the window, and the outbox fan-out. What the events decide is
/// gathered first and written at the end as few statements (<see cref="SqliteEventWrites"/>): one update per message to
/// its last status, one insert for the status history and one for the outbox, the subscriptions from
/// <see cref="SqliteSubscriptions"/>.
/// </summary>
internal static class SqliteEvents
{
    /// <param name="completion">The dispatch job these events complete, when they do: its claim is released in the same update, and its statuses come rendered.</param>
    public static void Apply(SqliteConnection connection, SqliteSubscriptions subscriptions, IReadOnlyList<UpstreamEvent> events, DateTimeOffset now,
        SqliteCompletion? completion = null)
    {
        var writes = new SqliteEventWrites(connection, subscriptions, now.Ms());
        // Several statuses of one message often come together (sent, delivered, read): read its row once.
        var outbound = new Dictionary<string, OutboundState?>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            switch (events[i])
            {
                case StatusEvent status:
                    ApplyStatus(connection, status, writes, outbound, completion, i);
                    break;
                case InboundEvent inbound:
                    ApplyInbound(connection, inbound, writes);
                    break;
                default:
                    throw new ArgumentException($"Unknown event {events[i].GetType().Name}", nameof(events));
            }
        }
        writes.Flush(completion);
    }

    internal sealed record OutboundState(string Peer, string RecipientType, string? Opaque, MessageStatus Status, WhatsAppUser? User);

    private static void ApplyStatus(
        SqliteConnection connection, StatusEvent status, SqliteEventWrites writes, Dictionary<string, OutboundState?> outbound, SqliteCompletion? completion, int index)
    {
        if (!outbound.TryGetValue(status.MessageId, out var current))
        {
            current = connection.Query(
                "SELECT peer, recipient_type, biz_opaque, status FROM messages WHERE id = $id AND channel_id = $channel AND direction = 0",
                r => new OutboundState(r.GetString(0), r.GetString(1), r.NullableString(2), (MessageStatus)r.GetInt32(3), null),
                ("$id", status.MessageId), ("$channel", status.ChannelId)).FirstOrDefault();
            if (current is not null && current.RecipientType != "group")
            {
                current = current with { User = Sync(SqlUsers.FindAsync(new SqliteSql.Writer(connection), status.ChannelId, current.Peer, CancellationToken.None)) };
            }
        }
        if (current is not null && Sync(SqlUsers.LearnAsync(new SqliteSql.Writer(connection), status, current.Peer, current.RecipientType, current.User, CancellationToken.None)) is { } learned)
        {
            current = current with { User = learned };
        }
        // A participant's delivered or read of a group message is progress when it advances their receipt; the message's
        // own status advances on the first participant's.
        var receipt = current is not null && SqlGroupReceipts.IsReceipt(status, current.RecipientType);
        if (current is null || !(receipt ? ReceiptAdvances(connection, current, status) : current.Status.CanAdvanceTo(status.Status)))
        {
            outbound[status.MessageId] = current;
            return;
        }
        if (receipt)
        {
            connection.Execute(SqlGroupReceipts.Upsert,
                ("@id", status.MessageId), ("@participant", status.ParticipantId), ("@status", (int)status.Status), ("@at", status.At.Ms()));
        }
        var advances = current.Status.CanAdvanceTo(status.Status);
        outbound[status.MessageId] = advances ? current with { Status = status.Status } : current;
        if (advances)
        {
            writes.Advance(status, status.Error is null ? null : CanonicalEvents.ErrorJson(status.Error));
        }
        if (status.Pricing is { } pricing && writes.FirstPricing(status.MessageId))
        {
            connection.Execute(SharedMigrations.RecordPricing,
                ("@id", status.MessageId), ("@channel", status.ChannelId), ("@category", pricing.Category), ("@type", pricing.PricingType),
                ("@billable", pricing.Billable), ("@country", pricing.Country), ("@price", PricedMessage.ToMicros(pricing.Price)),
                ("@currency", pricing.Currency), ("@at", status.At));
        }
        var payload = completion?.Rendered(index, current) ?? CanonicalEvents.Status(status, current.Peer, current.User, current.RecipientType, current.Opaque);
        writes.FanOut(status.ChannelId, EventKinds.Statuses, advances ? EventKinds.Statuses : EventKinds.ParticipantStatuses, payload);
    }

    private static bool ReceiptAdvances(SqliteConnection connection, OutboundState current, StatusEvent status)
    {
        var receipt = connection.Query(SqlGroupReceipts.Select, r => (MessageStatus?)r.GetInt32(0),
            ("@id", status.MessageId), ("@participant", status.ParticipantId)).FirstOrDefault();
        return SqlGroupReceipts.Advances(current.Status, receipt, status.Status);
    }

    private static void ApplyInbound(SqliteConnection connection, InboundEvent inbound, SqliteEventWrites writes)
    {
        var inserted = connection.Execute(
            $"""
            INSERT OR IGNORE INTO messages (id, channel_id, direction, peer, recipient_type, type, payload, status, created_at, updated_at, number)
            VALUES ($id, $channel, 1, $peer, $chat, $type, $payload, $status, $at, $at, {SqliteMessageHistoryStore.NextNumber})
            """,
            ("$id", inbound.MessageId), ("$channel", inbound.ChannelId), ("$peer", inbound.Peer), ("$chat", inbound.ChatType), ("$type", inbound.Type),
            ("$payload", inbound.Message), ("$status", (int)MessageStatus.Delivered), ("$at", inbound.At.Ms()));
        if (inserted == 0)
        {
            return; // a duplicate delivery of an event already applied
        }
        // The window is the user's: keyed by their conversation key, whichever identity they wrote with.
        var key = Sync(SqlUsers.RememberAsync(new SqliteSql.Writer(connection), inbound, CancellationToken.None));
        if (inbound.GroupId is null && CustomerServiceWindow.OpensWith(inbound.Type))
        {
            connection.Execute(
                """
                INSERT INTO conversation_windows (channel_id, wa_id, last_inbound_at) VALUES ($channel, $key, $at)
                ON CONFLICT (channel_id, wa_id) DO UPDATE SET last_inbound_at = MAX(last_inbound_at, excluded.last_inbound_at)
                """,
                ("$channel", inbound.ChannelId), ("$key", key), ("$at", inbound.At.Ms()));
        }
        var number = connection.Query("SELECT number FROM messages WHERE id = $id", r => r.GetInt64(0), ("$id", inbound.MessageId))[0];
        var payload = MessageNumberPayload.With(CanonicalEvents.Inbound(inbound), number);
        writes.FanOut(inbound.ChannelId, EventKinds.Messages, EventKinds.Messages, payload);
    }

    /// <summary>Shared statements run on the writer's connection complete as they are called (<see cref="SqliteSql.Writer"/>).</summary>
    private static T Sync<T>(Task<T> task) => task.IsCompleted
        ? task.GetAwaiter().GetResult()
        : throw new InvalidOperationException("SQLite work must not await anything but its own statements.");
}

internal sealed class SqliteEventStore(SqliteDatabase database) : IEventStore
{
    public Task ApplyAsync(IReadOnlyList<UpstreamEvent> events, DateTimeOffset now, CancellationToken cancellationToken) =>
        events.Count == 0 ? Task.CompletedTask : database.WriteAsync(c => SqliteEvents.Apply(c, database.Subscriptions, events, now), cancellationToken);
}
