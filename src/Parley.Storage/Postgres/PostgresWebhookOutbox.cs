using Npgsql;

namespace Parley.Storage.Postgres;

/// <summary>The webhook outbox shared by every node: claimed like the dispatch queue, with <c>FOR UPDATE SKIP LOCKED</c> and a lease.</summary>
internal sealed class PostgresWebhookOutbox(PostgresDatabase database) : IWebhookOutbox
{
    private const string Columns = "id, subscription_id, channel_id, kind, payload, created_at, attempts, last_error, dead_at";

    public async Task<IReadOnlyList<OutboxEvent>> ClaimAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var claimed = await database.Command(
                """
                WITH due AS (
                    SELECT id FROM webhook_outbox
                    WHERE dead_at IS NULL AND next_attempt_at <= @now AND claimed_until <= @now
                    ORDER BY next_attempt_at, id
                    LIMIT @max
                    FOR UPDATE SKIP LOCKED)
                UPDATE webhook_outbox o SET claimed_until = @lease
                FROM due
                WHERE o.id = due.id
                RETURNING o.id, o.subscription_id, o.channel_id, o.kind, o.payload, o.created_at, o.attempts, o.last_error, o.dead_at, o.next_attempt_at
                """)
            .With("now", now.Ms()).With("lease", leaseUntil.Ms()).With("max", max)
            .ListAsync(r => (Event: Map(r), Due: r.GetInt64(9)), cancellationToken);
        // RETURNING keeps no order: oldest first, as the claim chose them.
        return claimed.OrderBy(c => c.Due).ThenBy(c => c.Event.Id).Select(c => c.Event).ToList();
    }

    public Task DeliveredAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        database.Command("DELETE FROM webhook_outbox WHERE id = ANY(@ids)")
            .With("ids", ids.ToArray())
            .ExecuteAsync(cancellationToken);

    public Task ReleaseAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        database.Command("UPDATE webhook_outbox SET claimed_until = 0 WHERE id = ANY(@ids)")
            .With("ids", ids.ToArray())
            .ExecuteAsync(cancellationToken);

    public Task RetryAsync(IReadOnlyCollection<long> ids, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken) =>
        database.Command(
                "UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = @next, claimed_until = 0, last_error = @error WHERE id = ANY(@ids)")
            .With("ids", ids.ToArray()).With("next", nextAttemptAt.Ms()).With("error", error)
            .ExecuteAsync(cancellationToken);

    public Task DeadLetterAsync(IReadOnlyCollection<long> ids, DateTimeOffset at, string error, CancellationToken cancellationToken) =>
        database.Command(
                "UPDATE webhook_outbox SET attempts = attempts + 1, dead_at = @at, claimed_until = 0, last_error = @error WHERE id = ANY(@ids)")
            .With("ids", ids.ToArray()).With("at", at.Ms()).With("error", error)
            .ExecuteAsync(cancellationToken);

    public async Task<IReadOnlyList<OutboxEvent>> ListDeadLettersAsync(string? channelId, int limit, CancellationToken cancellationToken) =>
        await database.Command(
                $"SELECT {Columns} FROM webhook_outbox WHERE dead_at IS NOT NULL AND (@channel IS NULL OR channel_id = @channel) ORDER BY id LIMIT @limit")
            .With("channel", channelId).With("limit", limit)
            .ListAsync(Map, cancellationToken);

    public Task<int> ReplayAsync(string? channelId, IReadOnlyCollection<long>? ids, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.Command(
                """
                UPDATE webhook_outbox SET dead_at = NULL, attempts = 0, next_attempt_at = @now, created_at = @now, claimed_until = 0
                WHERE dead_at IS NOT NULL AND (@channel IS NULL OR channel_id = @channel) AND (@ids IS NULL OR id = ANY(@ids))
                """)
            .With("now", now.Ms()).With("channel", channelId).With("ids", ids?.ToArray())
            .ExecuteAsync(cancellationToken);

    private static OutboxEvent Map(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.Time(5), r.GetInt32(6), r.NullableString(7), r.NullableTime(8));
}
