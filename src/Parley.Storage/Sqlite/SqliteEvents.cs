using Microsoft.Data.Sqlite;
using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Core.Pricing;
using Parley.Core.Users;

namespace Parley.Storage.Sqlite;

/// <summary>Applies upstream events inside a write: message state, the window, and the outbox fan-out.</summary>
internal static class SqliteEvents
{
    private static readonly string FanOut =
        $"""
        INSERT INTO webhook_outbox (subscription_id, channel_id, kind, payload, created_at, next_attempt_at)
        SELECT id, channel_id, $kind, $payload, $now, $now FROM webhook_subscriptions
        WHERE channel_id = $channel AND {SubscriptionSql.Wants("events", "$kind")} AND {SubscriptionSql.NotOverridden("", "$channel", "$kind")}
        """;

    /// <summary>As <see cref="FanOut"/>, filtered by <c>$kind</c> but stored as <c>$stored</c> (<see cref="EventKinds.ParticipantStatuses"/>).</summary>
    private static readonly string FanOutAs =
        $"""
        INSERT INTO webhook_outbox (subscription_id, channel_id, kind, payload, created_at, next_attempt_at)
        SELECT id, channel_id, $stored, $payload, $now, $now FROM webhook_subscriptions
        WHERE channel_id = $channel AND {SubscriptionSql.Wants("events", "$kind")} AND {SubscriptionSql.NotOverridden("", "$channel", "$kind")}
        """;

    public static void Apply(SqliteConnection connection, IReadOnlyList<UpstreamEvent> events, DateTimeOffset now)
    {
        // Several statuses of one message often come together (sent, delivered, read): read its row once.
        var outbound = new Dictionary<string, OutboundState?>(StringComparer.Ordinal);
        foreach (var item in events)
        {
            switch (item)
            {
                case StatusEvent status:
                    ApplyStatus(connection, status, now, outbound);
                    break;
                case InboundEvent inbound:
                    ApplyInbound(connection, inbound, now);
                    break;
                default:
                    throw new ArgumentException($"Unknown event {item.GetType().Name}", nameof(events));
            }
        }
    }

    private sealed record OutboundState(string Peer, string RecipientType, string? Opaque, MessageStatus Status, WhatsAppUser? User);

    private static void ApplyStatus(SqliteConnection connection, StatusEvent status, DateTimeOffset now, Dictionary<string, OutboundState?> outbound)
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
            var error = status.Error is null ? null : CanonicalEvents.ErrorJson(status.Error);
            connection.Execute(
                "UPDATE messages SET status = $status, error = COALESCE($error, error), updated_at = $at WHERE id = $id",
                ("$id", status.MessageId), ("$status", (int)status.Status), ("$error", error), ("$at", status.At.Ms()));
            connection.Execute(
                "INSERT INTO message_statuses (message_id, status, at, error) VALUES ($id, $status, $at, $error)",
                ("$id", status.MessageId), ("$status", (int)status.Status), ("$at", status.At.Ms()), ("$error", error));
        }
        if (status.Pricing is { } pricing)
        {
            connection.Execute(SharedMigrations.RecordPricing,
                ("@id", status.MessageId), ("@channel", status.ChannelId), ("@category", pricing.Category), ("@type", pricing.PricingType),
                ("@billable", pricing.Billable), ("@country", pricing.Country), ("@price", PricedMessage.ToMicros(pricing.Price)),
                ("@currency", pricing.Currency), ("@at", status.At));
        }
        var payload = CanonicalEvents.Status(status, current.Peer, current.User, current.RecipientType, current.Opaque);
        connection.Execute(FanOutAs, ("$kind", EventKinds.Statuses), ("$stored", advances ? EventKinds.Statuses : EventKinds.ParticipantStatuses),
            ("$payload", payload), ("$now", now.Ms()), ("$channel", status.ChannelId));
    }

    private static bool ReceiptAdvances(SqliteConnection connection, OutboundState current, StatusEvent status)
    {
        var receipt = connection.Query(SqlGroupReceipts.Select, r => (MessageStatus?)r.GetInt32(0),
            ("@id", status.MessageId), ("@participant", status.ParticipantId)).FirstOrDefault();
        return SqlGroupReceipts.Advances(current.Status, receipt, status.Status);
    }

    private static void ApplyInbound(SqliteConnection connection, InboundEvent inbound, DateTimeOffset now)
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
        connection.Execute(FanOut, ("$kind", EventKinds.Messages), ("$payload", payload), ("$now", now.Ms()), ("$channel", inbound.ChannelId));
    }

    /// <summary>Shared statements run on the writer's connection complete as they are called (<see cref="SqliteSql.Writer"/>).</summary>
    private static T Sync<T>(Task<T> task) => task.IsCompleted
        ? task.GetAwaiter().GetResult()
        : throw new InvalidOperationException("SQLite work must not await anything but its own statements.");
}

internal sealed class SqliteEventStore(SqliteDatabase database) : IEventStore
{
    public Task ApplyAsync(IReadOnlyList<UpstreamEvent> events, DateTimeOffset now, CancellationToken cancellationToken) =>
        events.Count == 0 ? Task.CompletedTask : database.WriteAsync(c => SqliteEvents.Apply(c, events, now), cancellationToken);
}
