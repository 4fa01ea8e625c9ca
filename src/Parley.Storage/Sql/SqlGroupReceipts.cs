using Parley.Core.Model;

namespace Parley.Storage.Sql;

/// <summary>The statements of per-participant receipts (<c>wa_group_receipts</c>), the same on both stores; <c>@name</c> parameters.</summary>
internal static class SqlGroupReceipts
{
    /// <summary>The participant's receipt of a message (its status), to decide whether a status is progress.</summary>
    public const string Select = "SELECT status FROM wa_group_receipts WHERE message_id = @id AND participant = @participant";

    /// <summary>Moves the participant's receipt to <c>@status</c>; callers decide first that it is progress.</summary>
    public const string Upsert =
        """
        INSERT INTO wa_group_receipts (message_id, participant, status, at) VALUES (@id, @participant, @status, @at)
        ON CONFLICT (message_id, participant) DO UPDATE SET status = excluded.status, at = excluded.at
        """;

    /// <summary>Whether <paramref name="status"/> is a participant's receipt: a delivered or read of a message sent to a group, naming the participant.</summary>
    public static bool IsReceipt(StatusEvent status, string recipientType) =>
        status.ParticipantId is not null && recipientType == "group" && status.Status is MessageStatus.Delivered or MessageStatus.Read;

    /// <summary>
    /// Whether a participant's receipt is progress: the message has not failed, and the participant's receipt has not
    /// got as far (a participant with no receipt yet was sent the message).
    /// </summary>
    public static bool Advances(MessageStatus message, MessageStatus? receipt, MessageStatus status) =>
        message != MessageStatus.Failed && (receipt ?? MessageStatus.Sent).CanAdvanceTo(status);
}

internal sealed class SqlGroupReceiptStore(ISqlDatabase db) : IGroupReceiptStore
{
    public async Task<IReadOnlyList<GroupReceipt>> ListReceivedAsync(string channelId, string groupId, string participant, int limit, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            """
            SELECT m.id, m.type, m.payload, r.status, r.at FROM wa_group_receipts r JOIN messages m ON m.id = r.message_id
            WHERE r.participant = @participant AND m.channel_id = @channel AND m.peer = @group AND m.direction = 0
            ORDER BY m.created_at, m.id LIMIT @limit
            """,
            r => new GroupReceipt(r.GetString(0), r.GetString(1), r.GetString(2), (MessageStatus)r.GetInt32(3), r.Time(4)),
            [("participant", participant), ("channel", channelId), ("group", groupId), ("limit", limit)], cancellationToken);
}
