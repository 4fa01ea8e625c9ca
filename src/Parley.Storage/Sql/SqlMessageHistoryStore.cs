using System.Data.Common;
using System.Text;
using Parley.Core.Model;

namespace Parley.Storage.Sql;

/// <summary>A channel's numbered messages, read the same way on both stores once <see cref="NumberPendingAsync"/> has run.</summary>
internal abstract class SqlMessageHistoryStore(ISqlDatabase db) : IMessageHistoryStore
{
    private const string Columns = "number, id, channel_id, direction, peer, type, payload, status, biz_opaque, error, created_at, updated_at";

    /// <summary>Gives the channel's messages that have no number yet theirs, before the history is read.</summary>
    protected abstract Task NumberPendingAsync(string channelId, CancellationToken cancellationToken);

    public async Task<IReadOnlyList<NumberedMessage>> ListNumberedAsync(NumberedMessageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await NumberPendingAsync(query.ChannelId, cancellationToken);
        var sql = new StringBuilder($"SELECT {Columns} FROM messages WHERE channel_id = @channel AND number IS NOT NULL");
        List<SqlArg> args = [("channel", query.ChannelId), ("limit", query.Limit)];
        void Filter(string condition, SqlArg arg)
        {
            sql.Append(" AND ").Append(condition);
            args.Add(arg);
        }
        if (query.AfterNumber is { } after) Filter("number > @after", ("after", after));
        if (query.FromNumber is { } from) Filter("number >= @from", ("from", from));
        if (query.Peer is { } peer) Filter(SqlUsers.PeerIsUser, ("peer", peer));
        if (query.Since is { } since) Filter("created_at >= @since", ("since", since));
        if (query.Until is { } until) Filter("created_at < @until", ("until", until));
        if (query.MessageId is { } id) Filter("id = @id", ("id", id));
        sql.Append(query.Newest ? " ORDER BY number DESC" : " ORDER BY number").Append(" LIMIT @limit");
        return await db.QueryAsync(sql.ToString(), Map, [.. args], cancellationToken);
    }

    private static NumberedMessage Map(DbDataReader r) => new(r.GetInt64(0), new StoredMessage(
        r.GetString(1), r.GetString(2), (MessageDirection)r.GetInt32(3), r.GetString(4), r.GetString(5), r.GetString(6),
        (MessageStatus)r.GetInt32(7), r.NullableString(8), r.NullableString(9), r.Time(10), r.Time(11)));
}
