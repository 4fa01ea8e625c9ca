using System.Text.Json;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteWebhookOutbox(SqliteDatabase database, ISqlDatabase db) : SqlWebhookOutbox(db)
{
    public override Task<IReadOnlyList<OutboxEvent>> ClaimAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<OutboxEvent>>(c =>
        {
            var events = c.Query(
                $"""
                UPDATE webhook_outbox SET claimed_until = $lease
                WHERE id IN (
                    SELECT id FROM webhook_outbox
                    WHERE dead_at IS NULL AND next_attempt_at <= $now AND claimed_until <= $now
                    ORDER BY next_attempt_at LIMIT $max)
                RETURNING {Columns}
                """,
                Map, ("$now", now.Ms()), ("$max", max), ("$lease", leaseUntil.Ms()));
            events.Sort((a, b) => a.Id.CompareTo(b.Id));
            return events;
        }, cancellationToken);

    /// <summary>The ids as one JSON array, so that one statement takes any number of them.</summary>
    protected override (string Condition, SqlArg Ids) IdsIn(IReadOnlyCollection<long> ids) =>
        ("id IN (SELECT value FROM json_each(@ids))", ("ids", JsonSerializer.Serialize(ids)));
}
