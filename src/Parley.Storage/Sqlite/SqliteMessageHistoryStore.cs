using System.Text;
using Microsoft.Data.Sqlite;
using Parley.Core.Model;

namespace Parley.Storage.Sqlite;

/// <summary>
/// SQLite numbers a message as it is inserted (accept and inbound): one writer thread means <c>MAX(number) + 1</c> over
/// the <c>(channel_id, number)</c> index is both cheap and race-free, and a group commit makes numbers visible in order.
/// </summary>
internal sealed class SqliteMessageHistoryStore(SqliteDatabase database) : IMessageHistoryStore
{
    /// <summary>The next number of <c>$channel</c>, as an SQL expression for an insert.</summary>
    public const string NextNumber = "(SELECT COALESCE(MAX(number), 0) + 1 FROM messages WHERE channel_id = $channel)";

    private const string Columns = "number, id, channel_id, direction, peer, type, payload, status, biz_opaque, error, created_at, updated_at";

    public Task<IReadOnlyList<NumberedMessage>> ListNumberedAsync(NumberedMessageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT {Columns} FROM messages WHERE channel_id = $channel AND number IS NOT NULL");
        if (query.AfterNumber is not null) sql.Append(" AND number > $after");
        if (query.FromNumber is not null) sql.Append(" AND number >= $from");
        if (query.Peer is not null) sql.Append(" AND peer = $peer");
        if (query.Since is not null) sql.Append(" AND created_at >= $since");
        if (query.Until is not null) sql.Append(" AND created_at < $until");
        if (query.MessageId is not null) sql.Append(" AND id = $id");
        sql.Append(query.Newest ? " ORDER BY number DESC" : " ORDER BY number").Append(" LIMIT $limit");
        return Task.FromResult<IReadOnlyList<NumberedMessage>>(database.Read(c => c.Query(sql.ToString(), Map,
            ("$channel", query.ChannelId), ("$after", query.AfterNumber), ("$from", query.FromNumber), ("$peer", query.Peer),
            ("$since", query.Since?.Ms()), ("$until", query.Until?.Ms()), ("$id", query.MessageId), ("$limit", query.Limit))));
    }

    private static NumberedMessage Map(SqliteDataReader r) => new(r.GetInt64(0), new StoredMessage(
        r.GetString(1), r.GetString(2), (MessageDirection)r.GetInt32(3), r.GetString(4), r.GetString(5), r.GetString(6),
        (MessageStatus)r.GetInt32(7), r.NullableString(8), r.NullableString(9), r.Time(10), r.Time(11)));
}
