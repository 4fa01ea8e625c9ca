using System.Data.Common;
using System.Text.Json;
using Parley.Core.Model;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteDispatchQueue(SqliteDatabase database) : IDispatchQueue, IDispatchDeferral
{
    /// <summary>One node owns an SQLite database, so it owns every channel.</summary>
    public Task<bool> AcquireChannelAsync(string channelId, string nodeId, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.FromResult(true);

    public Task<IReadOnlyList<string>> ChannelsWithJobsAsync(CancellationToken cancellationToken)
    {
        // A loose index scan: one index seek per channel, however many jobs each has.
        return Task.FromResult<IReadOnlyList<string>>(database.Read(c => c.Query(
            """
            WITH RECURSIVE channel(id) AS (
                SELECT MIN(channel_id) FROM messages WHERE due_at IS NOT NULL
                UNION ALL
                SELECT (SELECT MIN(channel_id) FROM messages WHERE due_at IS NOT NULL AND channel_id > channel.id) FROM channel WHERE channel.id IS NOT NULL)
            SELECT id FROM channel WHERE id IS NOT NULL
            """,
            r => r.GetString(0))));
    }

    public Task<IReadOnlyList<DispatchJob>> ClaimAsync(string channelId, int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<DispatchJob>>(c =>
        {
            var jobs = c.Query(
                """
                UPDATE messages SET claimed_until = $lease, claim = $lease
                WHERE id IN (
                    SELECT id FROM messages
                    WHERE channel_id = $channel AND due_at IS NOT NULL AND due_at <= $now AND claimed_until <= $now
                    ORDER BY due_at LIMIT $max)
                RETURNING id, channel_id, peer, recipient_type, type, payload, biz_opaque, created_at, attempts, claim
                """,
                Map, ("$channel", channelId), ("$now", now.Ms()), ("$max", max), ("$lease", leaseUntil.Ms()));
            jobs.Sort((a, b) => string.CompareOrdinal(a.Message.Id, b.Message.Id)); // ids are time-ordered
            return jobs;
        }, cancellationToken);

    public Task RenewAsync(string channelId, IReadOnlyCollection<DateTimeOffset> claims, DateTimeOffset until, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute(
            "UPDATE messages SET claimed_until = $until WHERE channel_id = $channel AND due_at IS NOT NULL AND claim IN (SELECT value FROM json_each($claims)) AND claimed_until < $until",
            ("$channel", channelId), ("$claims", JsonSerializer.Serialize(claims.Select(c => c.Ms()))), ("$until", until.Ms())), cancellationToken);

    /// <summary>The job's statuses are rendered here, on the caller's thread; the writer releases the claim and applies them.</summary>
    public Task CompleteAsync(DispatchJob job, IReadOnlyList<UpstreamEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var completion = new SqliteCompletion(job, events);
        return database.WriteAsync(c => SqliteEvents.Apply(c, database.Subscriptions, events, now, completion), cancellationToken);
    }

    public Task RetryAsync(DispatchJob job, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute(
            "UPDATE messages SET due_at = $due, claimed_until = 0, claim = 0, attempts = attempts + 1 WHERE id = $id AND due_at IS NOT NULL AND claim = $lease",
            ("$id", job.Message.Id), ("$due", dueAt.Ms()), ("$lease", job.LeaseUntil.Ms())), cancellationToken);

    public Task DeferAsync(DispatchJob job, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute(
            "UPDATE messages SET due_at = $due, claimed_until = 0, claim = 0 WHERE id = $id AND due_at IS NOT NULL AND claim = $lease",
            ("$id", job.Message.Id), ("$due", dueAt.Ms()), ("$lease", job.LeaseUntil.Ms())), cancellationToken);

    private static DispatchJob Map(DbDataReader r)
    {
        var payload = r.GetString(5);
        var message = new OutboundMessage(
            Id: r.GetString(0), ChannelId: r.GetString(1), To: r.GetString(2), Input: r.GetString(2), RecipientType: r.GetString(3),
            Type: r.GetString(4), Payload: payload, BizOpaqueCallbackData: r.NullableString(6), ContextMessageId: null, CreatedAt: r.Time(7));
        return new DispatchJob(message, r.GetInt32(8), r.Time(9));
    }
}
