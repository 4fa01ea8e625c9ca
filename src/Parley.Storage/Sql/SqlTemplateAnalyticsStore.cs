using System.Data.Common;

namespace Parley.Storage.Sql;

internal sealed class SqlTemplateAnalyticsStore(ISqlDatabase db) : ITemplateAnalyticsStore
{
    public async Task<IReadOnlyList<TemplateSend>> ListSendsAsync(string channelId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            """
            SELECT m.id, m.channel_id, m.payload, m.created_at,
                (SELECT MIN(s.at) FROM message_statuses s WHERE s.message_id = m.id AND s.status = 1),
                (SELECT MIN(s.at) FROM message_statuses s WHERE s.message_id = m.id AND s.status = 2),
                (SELECT MIN(s.at) FROM message_statuses s WHERE s.message_id = m.id AND s.status = 3),
                p.price_micros, p.currency, p.category
            FROM messages m LEFT JOIN message_pricing p ON p.message_id = m.id
            WHERE m.channel_id = @channel AND m.direction = 0 AND m.type = 'template' AND m.created_at >= @from AND m.created_at < @to
            ORDER BY m.created_at, m.id LIMIT @limit
            """,
            ReadSend, [("channel", channelId), ("from", from), ("to", to), ("limit", limit)], cancellationToken);

    public Task<bool> RecordClickAsync(TemplateClick click, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(click);
        return db.ChangesAsync(
            """
            INSERT INTO template_clicks (message_id, button_index, channel_id, clicked_at) VALUES (@id, @button, @channel, @at)
            ON CONFLICT (message_id, button_index) DO NOTHING
            """,
            [("id", click.MessageId), ("button", click.ButtonIndex), ("channel", click.ChannelId), ("at", click.ClickedAt)], cancellationToken);
    }

    public async Task<IReadOnlyList<TemplateClick>> ListClicksAsync(string channelId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            """
            SELECT c.message_id, c.channel_id, c.button_index, c.clicked_at FROM template_clicks c JOIN messages m ON m.id = c.message_id
            WHERE c.channel_id = @channel AND m.created_at >= @from AND m.created_at < @to
            ORDER BY c.clicked_at, c.message_id
            """,
            r => new TemplateClick(r.GetString(0), r.GetString(1), r.GetInt32(2), r.Time(3)),
            [("channel", channelId), ("from", from), ("to", to)], cancellationToken);

    private static TemplateSend ReadSend(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.Time(3), r.NullableTime(4), r.NullableTime(5), r.NullableTime(6),
        r.IsDBNull(7) ? null : r.GetInt64(7), r.NullableString(8), r.NullableString(9));
}
