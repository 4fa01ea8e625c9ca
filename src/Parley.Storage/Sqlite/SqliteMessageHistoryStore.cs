namespace Parley.Storage.Sqlite;

/// <summary>
/// SQLite numbers a message as it is inserted (accept and inbound): one writer thread means <c>MAX(number) + 1</c> over
/// the <c>(channel_id, number)</c> index is both cheap and race-free, and a group commit makes numbers visible in order.
/// </summary>
internal sealed class SqliteMessageHistoryStore(ISqlDatabase db) : SqlMessageHistoryStore(db)
{
    /// <summary>The next number of <c>$channel</c>, as an SQL expression for an insert.</summary>
    public const string NextNumber = "(SELECT COALESCE(MAX(number), 0) + 1 FROM messages WHERE channel_id = $channel)";

    /// <summary>Every message has its number from the start.</summary>
    protected override Task NumberPendingAsync(string channelId, CancellationToken cancellationToken) => Task.CompletedTask;
}
