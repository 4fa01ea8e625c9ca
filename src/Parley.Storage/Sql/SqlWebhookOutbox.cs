using System.Data.Common;

namespace Parley.Storage.Sql;

/// <summary>The webhook outbox. Claiming is each store's own; so is how a statement names a set of ids (<see cref="IdsIn"/>).</summary>
internal abstract class SqlWebhookOutbox(ISqlDatabase db) : IWebhookOutbox
{
    protected const string Columns = "id, subscription_id, channel_id, kind, payload, created_at, attempts, last_error, dead_at";

    public abstract Task<IReadOnlyList<OutboxEvent>> ClaimAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>The condition that a row's id is one of <paramref name="ids"/>, and its parameter <c>@ids</c>.</summary>
    protected abstract (string Condition, SqlArg Ids) IdsIn(IReadOnlyCollection<long> ids);

    public Task DeliveredAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ForAll(ids, "DELETE FROM webhook_outbox", [], cancellationToken);

    public Task ReleaseAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ForAll(ids, "UPDATE webhook_outbox SET claimed_until = 0", [], cancellationToken);

    public Task RetryAsync(IReadOnlyCollection<long> ids, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken) =>
        ForAll(ids, "UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = @next, claimed_until = 0, last_error = @error",
            [("next", nextAttemptAt), ("error", error)], cancellationToken);

    public Task DeadLetterAsync(IReadOnlyCollection<long> ids, DateTimeOffset at, string error, CancellationToken cancellationToken) =>
        ForAll(ids, "UPDATE webhook_outbox SET attempts = attempts + 1, dead_at = @at, claimed_until = 0, last_error = @error",
            [("at", at), ("error", error)], cancellationToken);

    public async Task<IReadOnlyList<OutboxEvent>> ListDeadLettersAsync(string? channelId, int limit, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            $"SELECT {Columns} FROM webhook_outbox WHERE dead_at IS NOT NULL AND (@channel IS NULL OR channel_id = @channel) ORDER BY id LIMIT @limit",
            Map, [("channel", channelId), ("limit", limit)], cancellationToken);

    public Task<int> ReplayAsync(string? channelId, IReadOnlyCollection<long>? ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        SqlArg[] args = [("now", now), ("channel", channelId)];
        var condition = "TRUE";
        if (ids is not null)
        {
            (condition, var idsArg) = IdsIn(ids);
            args = [.. args, idsArg];
        }
        return db.ExecuteAsync(
            $"""
            UPDATE webhook_outbox SET dead_at = NULL, attempts = 0, next_attempt_at = @now, created_at = @now, claimed_until = 0
            WHERE dead_at IS NOT NULL AND (@channel IS NULL OR channel_id = @channel) AND {condition}
            """,
            args, cancellationToken);
    }

    /// <summary>Runs <paramref name="statement"/> once for the whole set of ids.</summary>
    private Task<int> ForAll(IReadOnlyCollection<long> ids, string statement, SqlArg[] args, CancellationToken cancellationToken)
    {
        var (condition, idsArg) = IdsIn(ids);
        return db.ExecuteAsync($"{statement} WHERE {condition}", [idsArg, .. args], cancellationToken);
    }

    protected static OutboxEvent Map(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.Time(5), r.GetInt32(6), r.NullableString(7), r.NullableTime(8));
}
