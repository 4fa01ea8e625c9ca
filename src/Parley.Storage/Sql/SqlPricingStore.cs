using System.Data.Common;
using Parley.Core.Pricing;

namespace Parley.Storage.Sql;

internal sealed class SqlPricingStore(ISqlDatabase db) : IPricingStore
{
    private const string Columns = "message_id, category, type, billable, country, price_micros, currency, priced_at";

    public async Task<IReadOnlyList<PricedMessage>> ListAsync(string channelId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            $"""
            SELECT {Columns} FROM message_pricing
            WHERE channel_id = @channel AND priced_at >= @from AND priced_at < @to
            ORDER BY priced_at, message_id LIMIT @limit
            """,
            Read, [("channel", channelId), ("from", from), ("to", to), ("limit", limit)], cancellationToken);

    public Task<PricedMessage?> GetAsync(string messageId, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {Columns} FROM message_pricing WHERE message_id = @id", Read, [("id", messageId)], cancellationToken);

    private static PricedMessage Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3), r.GetString(4), PricedMessage.FromMicros(r.GetInt64(5)), r.GetString(6), r.Time(7));
}
