using Npgsql;

namespace Parley.Storage.Postgres;

/// <summary>
/// PostgreSQL keeps each channel's last number in <c>message_numbers</c>. Inbound messages take theirs as they are
/// inserted (under that row's lock); accepted outbound messages are inserted without one, so the accept path takes no
/// per-channel lock, and are numbered here, before the history is read, in one transaction that holds the channel's row:
/// numbers are given in order and each batch commits before the next, so numbers become visible in order.
/// </summary>
internal sealed class PostgresMessageHistoryStore(PostgresDatabase database, PostgresSql sql) : SqlMessageHistoryStore(sql)
{
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

    protected override async Task NumberPendingAsync(string channelId, CancellationToken cancellationToken)
    {
        if ((await database.Command(Pending).With("channel", channelId).ListAsync(r => r.GetBoolean(0), cancellationToken))[0])
        {
            await database.InTransactionAsync((connection, transaction, token) => NumberPendingAsync(connection, transaction, channelId, token), cancellationToken);
        }
    }

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
}
