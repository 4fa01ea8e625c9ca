using System.Text.Json;
using Microsoft.Data.Sqlite;
using Parley.Core.Model;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteDispatchQueue(SqliteDatabase database) : IDispatchQueue
{
    public Task<IReadOnlyList<DispatchJob>> ClaimAsync(int max, IReadOnlyCollection<string> busyChannels, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<DispatchJob>>(c =>
        {
            var jobs = c.Query(
                """
                SELECT m.id, m.channel_id, m.peer, m.recipient_type, m.type, m.payload, m.biz_opaque, m.created_at, j.attempts
                FROM dispatch_jobs j JOIN messages m ON m.id = j.message_id
                WHERE j.due_at <= $now AND j.claimed_until <= $now
                  AND ($busy IS NULL OR j.channel_id NOT IN (SELECT value FROM json_each($busy)))
                ORDER BY j.due_at, j.rowid
                LIMIT $max
                """,
                Map, ("$now", now.Ms()), ("$max", max), ("$busy", busyChannels.Count == 0 ? null : JsonSerializer.Serialize(busyChannels)));
            foreach (var job in jobs)
            {
                c.Execute("UPDATE dispatch_jobs SET claimed_until = $lease WHERE message_id = $id", ("$id", job.Message.Id), ("$lease", leaseUntil.Ms()));
            }
            return jobs;
        }, cancellationToken);

    public Task CompleteAsync(string messageId, IReadOnlyList<UpstreamEvent> events, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(c =>
        {
            c.Execute("DELETE FROM dispatch_jobs WHERE message_id = $id", ("$id", messageId));
            SqliteEvents.Apply(c, events, now);
        }, cancellationToken);

    public Task RetryAsync(string messageId, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute(
            "UPDATE dispatch_jobs SET due_at = $due, claimed_until = 0, attempts = attempts + 1 WHERE message_id = $id",
            ("$id", messageId), ("$due", dueAt.Ms())), cancellationToken);

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        using var c = database.Open();
        var next = c.Scalar("SELECT MIN(MAX(due_at, claimed_until)) FROM dispatch_jobs");
        return Task.FromResult<DateTimeOffset?>(next is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    private static DispatchJob Map(SqliteDataReader r)
    {
        var payload = r.GetString(5);
        var message = new OutboundMessage(
            Id: r.GetString(0), ChannelId: r.GetString(1), To: r.GetString(2), Input: r.GetString(2), RecipientType: r.GetString(3),
            Type: r.GetString(4), Payload: payload, BizOpaqueCallbackData: r.NullableString(6), ContextMessageId: null, CreatedAt: r.Time(7));
        return new DispatchJob(message, r.GetInt32(8));
    }
}
