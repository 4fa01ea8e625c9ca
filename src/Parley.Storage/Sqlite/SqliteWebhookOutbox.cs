using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteWebhookOutbox(SqliteDatabase database) : IWebhookOutbox
{
    private const string Columns = "id, subscription_id, channel_id, kind, payload, created_at, attempts, last_error, dead_at";

    public Task<IReadOnlyList<OutboxEvent>> ClaimAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
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

    public Task DeliveredAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ForAll(ids, "DELETE FROM webhook_outbox WHERE id IN (SELECT value FROM json_each($ids))", cancellationToken);

    public Task ReleaseAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ForAll(ids, "UPDATE webhook_outbox SET claimed_until = 0 WHERE id IN (SELECT value FROM json_each($ids))", cancellationToken);

    public Task RetryAsync(IReadOnlyCollection<long> ids, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken) =>
        ForAll(ids, "UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = $next, claimed_until = 0, last_error = $error WHERE id IN (SELECT value FROM json_each($ids))",
            cancellationToken, ("$next", nextAttemptAt.Ms()), ("$error", error));

    public Task DeadLetterAsync(IReadOnlyCollection<long> ids, DateTimeOffset at, string error, CancellationToken cancellationToken) =>
        ForAll(ids, "UPDATE webhook_outbox SET attempts = attempts + 1, dead_at = $at, claimed_until = 0, last_error = $error WHERE id IN (SELECT value FROM json_each($ids))",
            cancellationToken, ("$at", at.Ms()), ("$error", error));

    public Task<IReadOnlyList<OutboxEvent>> ListDeadLettersAsync(string? channelId, int limit, CancellationToken cancellationToken)
    {
        return Task.FromResult<IReadOnlyList<OutboxEvent>>(database.Read(c => c.Query(
            $"SELECT {Columns} FROM webhook_outbox WHERE dead_at IS NOT NULL AND ($channel IS NULL OR channel_id = $channel) ORDER BY id LIMIT $limit",
            Map, ("$channel", channelId), ("$limit", limit))));
    }

    public Task<int> ReplayAsync(string? channelId, IReadOnlyCollection<long>? ids, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(c =>
        {
            const string Replay =
                """
                UPDATE webhook_outbox SET dead_at = NULL, attempts = 0, next_attempt_at = $now, created_at = $now, claimed_until = 0
                WHERE dead_at IS NOT NULL AND ($channel IS NULL OR channel_id = $channel) AND ($id IS NULL OR id = $id)
                """;
            if (ids is null)
            {
                return c.Execute(Replay, ("$now", now.Ms()), ("$channel", channelId), ("$id", null));
            }
            return ids.Sum(id => c.Execute(Replay, ("$now", now.Ms()), ("$channel", channelId), ("$id", id)));
        }, cancellationToken);

    /// <summary>Runs <paramref name="sql"/> once for the whole set of ids, passed as a JSON array in <c>$ids</c>.</summary>
    private Task<int> ForAll(IReadOnlyCollection<long> ids, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        database.WriteAsync(c => c.Execute(sql, [("$ids", JsonSerializer.Serialize(ids)), .. parameters]), cancellationToken);

    private static OutboxEvent Map(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.Time(5), r.GetInt32(6), r.NullableString(7), r.NullableTime(8));
}
