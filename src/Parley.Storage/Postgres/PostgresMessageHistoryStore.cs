using System.Text;
using Npgsql;
using Parley.Core.Model;

namespace Parley.Storage.Postgres;

/// <summary>
/// PostgreSQL keeps each channel's last number in <c>message_numbers</c>. Inbound messages take theirs as they are
/// inserted (under that row's lock); accepted outbound messages are inserted without one, so the accept path takes no
/// per-channel lock, and are numbered here, before the history is read, in one transaction that holds the channel's row:
/// numbers are given in order and each batch commits before the next, so numbers become visible in order.
/// </summary>
internal sealed class PostgresMessageHistoryStore(PostgresDatabase database) : IMessageHistoryStore
{
    private const string Columns = "number, id, channel_id, direction, peer, type, payload, status, biz_opaque, error, created_at, updated_at";

    private const string Pending = "SELECT EXISTS (SELECT 1 FROM messages WHERE channel_id = @channel AND number IS NULL)";

    /// <summary>Creates or locks the channel's number row (an upsert that changes nothing still takes the row lock) and reads it.</summary>
    private const string Lock =
        """
        INSERT INTO message_numbers (channel_id, last) VALUES (@channel, 0)
        ON CONFLICT (channel_id) DO UPDATE SET last = message_numbers.last
        RETURNING last
        """;

    /// <summary>Numbers the channel's unnumbered messages after <c>@last</c>, oldest first, and moves the counter on.</summary>
    private const string Number =
        """
        WITH pending AS (
            SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM messages WHERE channel_id = @channel AND number IS NULL),
        numbered AS (
            UPDATE messages m SET number = @last + p.n FROM pending p WHERE m.id = p.id RETURNING m.number)
        UPDATE message_numbers SET last = GREATEST(last, COALESCE((SELECT max(number) FROM numbered), last)) WHERE channel_id = @channel
        """;

    public async Task<IReadOnlyList<NumberedMessage>> ListNumberedAsync(NumberedMessageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if ((await database.Command(Pending).With("channel", query.ChannelId).ListAsync(r => r.GetBoolean(0), cancellationToken))[0])
        {
            await NumberPendingAsync(query.ChannelId, cancellationToken);
        }
        var sql = new StringBuilder($"SELECT {Columns} FROM messages WHERE channel_id = @channel AND number IS NOT NULL");
        var command = database.Command("");
        command.With("channel", query.ChannelId).With("limit", query.Limit);
        void Filter(string condition, string name, object value)
        {
            sql.Append(" AND ").Append(condition);
            command.Parameters.Add(new NpgsqlParameter(name, value));
        }
        if (query.AfterNumber is { } after) Filter("number > @after", "after", after);
        if (query.FromNumber is { } from) Filter("number >= @from", "from", from);
        if (query.Peer is { } peer) Filter("peer = @peer", "peer", peer);
        if (query.Since is { } since) Filter("created_at >= @since", "since", since.Ms());
        if (query.Until is { } until) Filter("created_at < @until", "until", until.Ms());
        if (query.MessageId is { } id) Filter("id = @id", "id", id);
        sql.Append(query.Newest ? " ORDER BY number DESC" : " ORDER BY number").Append(" LIMIT @limit");
        command.CommandText = sql.ToString();
        return await command.ListAsync(Map, cancellationToken);
    }

    private Task NumberPendingAsync(string channelId, CancellationToken cancellationToken) =>
        database.InTransactionAsync((connection, transaction, token) => NumberPendingAsync(connection, transaction, channelId, token), cancellationToken);

    /// <summary>
    /// Takes the channel's number row (the lock every numbering holds first, so numberings never wait on each other in a
    /// cycle) and numbers its unnumbered messages, oldest first.
    /// </summary>
    public static async Task NumberPendingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string channelId, CancellationToken token)
    {
        long last;
        await using (var lockRow = new NpgsqlCommand(Lock, connection, transaction))
        {
            last = (long)(await lockRow.With("channel", channelId).ExecuteScalarAsync(token))!;
        }
        await using var number = new NpgsqlCommand(Number, connection, transaction);
        await number.With("channel", channelId).With("last", last).ExecuteNonQueryAsync(token);
    }

    private static NumberedMessage Map(NpgsqlDataReader r) => new(r.GetInt64(0), new StoredMessage(
        r.GetString(1), r.GetString(2), (MessageDirection)r.GetInt32(3), r.GetString(4), r.GetString(5), r.GetString(6),
        (MessageStatus)r.GetInt32(7), r.NullableString(8), r.NullableString(9), r.Time(10), r.Time(11)));
}
