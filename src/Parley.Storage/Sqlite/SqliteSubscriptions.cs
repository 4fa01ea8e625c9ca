using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>
/// Which webhook subscriptions of a channel take an event kind, remembered by the writer thread so that a status or an
/// inbound message fans out to the outbox without querying the subscriptions (their filters and Graph overrides) again.
/// One node owns an SQLite database and every write runs on the writer's connection, so the writer sees every change:
/// a trigger forgets the cache when a row of a table that decides the answer changes (a cascade from a
/// deleted channel or account included), and a rolled-back batch forgets it too, since it may have been filled from
/// rows that are gone. Only the writer thread uses it.
/// </summary>
internal sealed class SqliteSubscriptions
{
    private static readonly string Select =
        $"""
        SELECT id FROM webhook_subscriptions
        WHERE channel_id = $channel AND {SubscriptionSql.Wants("events", "$kind")} AND {SubscriptionSql.NotOverridden("", "$channel", "$kind")}
        ORDER BY rowid
        """;

    private const string Changed = "parley_subscriptions_changed";

    private readonly Dictionary<(string Channel, string Kind), string[]> _cache = [];

    /// <summary>The ids of the subscriptions of <paramref name="channelId"/> that want <paramref name="kind"/>, in the order they were created.</summary>
    public string[] Of(SqliteConnection writer, string channelId, string kind)
    {
        if (!_cache.TryGetValue((channelId, kind), out var ids))
        {
            ids = [.. writer.Query(Select, r => r.GetString(0), ("$channel", channelId), ("$kind", kind))];
            _cache[(channelId, kind)] = ids;
        }
        return ids;
    }

    /// <summary>Forgets everything: the next fan-out of each channel and kind asks the database.</summary>
    public void Forget() => _cache.Clear();

    /// <summary>
    /// Forgets the cache whenever <paramref name="writer"/> changes a subscription, a channel or an account: temporary
    /// triggers (the writer's connection only) call back into this object, and cost nothing on the other tables.
    /// </summary>
    public void Watch(SqliteConnection writer)
    {
        writer.CreateFunction(Changed, () =>
        {
            _cache.Clear();
            return 0;
        });
        foreach (var table in new[] { "webhook_subscriptions", "channels", "accounts" })
        {
            foreach (var change in new[] { "INSERT", "UPDATE", "DELETE" })
            {
                writer.Scalar($"CREATE TEMP TRIGGER parley_forget_{table}_{change} AFTER {change} ON {table} BEGIN SELECT {Changed}(); END");
            }
        }
    }
}
