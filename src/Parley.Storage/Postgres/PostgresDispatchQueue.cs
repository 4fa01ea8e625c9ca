using System.Data.Common;
using Npgsql;
using Parley.Core.Model;

namespace Parley.Storage.Postgres;

/// <summary>
/// The dispatch queue shared by every node: a claim locks the due rows it takes (<c>FOR UPDATE SKIP LOCKED</c>, so
/// concurrent claimers pass each other by) and stamps them with a lease, which its node renews while the jobs run; a
/// node that dies leaves leases that simply run out, and the next claim after that takes the jobs over. The lease a job
/// was claimed with stays its claim: what a node records for a job counts only while the claim is still its own.
/// </summary>
internal sealed class PostgresDispatchQueue(PostgresDatabase database) : IDispatchQueue, IDispatchDeferral
{
    /// <summary>Completions running alongside each other commit together (a batch's jobs are deleted by one statement, its events applied as one list).</summary>
    private readonly PostgresGroupCommit<Completion> _completions = new(
        completions => CompleteManyAsync(database, completions), completion => CompleteManyAsync(database, [completion]));

    /// <summary>The jobs that are done (while their claims are still theirs), by one statement.</summary>
    private const string DeleteDone =
        """
        DELETE FROM dispatch_jobs j USING unnest(@ids, @claims) AS done(id, claim)
        WHERE j.message_id = done.id AND j.claim = done.claim
        """;

    public async Task<bool> AcquireChannelAsync(string channelId, string nodeId, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var owners = await database.Coordination.CreateCommand(
                """
                INSERT INTO channel_owners (channel_id, node_id, until) VALUES (@channel, @node, @until)
                ON CONFLICT (channel_id) DO UPDATE SET node_id = excluded.node_id, until = excluded.until
                WHERE channel_owners.node_id = excluded.node_id OR channel_owners.until <= @now
                RETURNING node_id
                """)
            .With("channel", channelId).With("node", nodeId).With("until", until.Ms()).With("now", now.Ms())
            .ListAsync(r => r.GetString(0), cancellationToken);
        return owners.Count == 1;
    }

    public async Task<IReadOnlyList<string>> ChannelsWithJobsAsync(CancellationToken cancellationToken) =>
        // A loose index scan over dispatch_jobs_channel_due: one index probe per channel, however deep each backlog is.
        await database.Coordination.CreateCommand(
                """
                WITH RECURSIVE channel(id) AS (
                    (SELECT channel_id FROM dispatch_jobs ORDER BY channel_id LIMIT 1)
                    UNION ALL
                    SELECT (SELECT j.channel_id FROM dispatch_jobs j WHERE j.channel_id > channel.id ORDER BY j.channel_id LIMIT 1)
                    FROM channel WHERE channel.id IS NOT NULL)
                SELECT id FROM channel WHERE id IS NOT NULL
                """)
            .ListAsync(r => r.GetString(0), cancellationToken);

    public async Task<IReadOnlyList<DispatchJob>> ClaimAsync(string channelId, int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var claimed = await database.Command(
                """
                WITH due AS (
                    SELECT message_id FROM dispatch_jobs
                    WHERE channel_id = @channel AND due_at <= @now AND claimed_until <= @now
                    ORDER BY due_at
                    LIMIT @max
                    FOR UPDATE SKIP LOCKED)
                UPDATE dispatch_jobs j SET claimed_until = @lease, claim = @lease
                FROM due, messages m
                WHERE j.message_id = due.message_id AND m.id = j.message_id
                RETURNING m.id, m.channel_id, m.peer, m.recipient_type, m.type, m.payload, m.biz_opaque, m.created_at, j.attempts, j.due_at, j.claim
                """)
            .With("channel", channelId).With("now", now.Ms()).With("lease", leaseUntil.Ms()).With("max", max)
            .ListAsync(r => (Job: Map(r), DueAt: r.GetInt64(9)), cancellationToken);
        // RETURNING keeps no order: oldest first, as promised.
        return claimed.OrderBy(c => c.DueAt).ThenBy(c => c.Job.Message.CreatedAt).Select(c => c.Job).ToList();
    }

    public Task RenewAsync(string channelId, IReadOnlyCollection<DateTimeOffset> claims, DateTimeOffset until, CancellationToken cancellationToken) =>
        database.Coordination.CreateCommand("UPDATE dispatch_jobs SET claimed_until = @until WHERE channel_id = @channel AND claim = ANY(@claims) AND claimed_until < @until")
            .With("channel", channelId).With("claims", claims.Select(c => c.Ms()).ToArray()).With("until", until.Ms())
            .ExecuteAsync(cancellationToken);

    /// <summary>
    /// Deletes the job (while the claim is still its own) and applies its events, in one transaction with the other
    /// completions that run alongside: the deletion travels with the events' first statement, so a batch takes three
    /// round trips (locking, applying, committing) however many jobs it completes.
    /// </summary>
    public Task CompleteAsync(DispatchJob job, IReadOnlyList<UpstreamEvent> events, DateTimeOffset now, CancellationToken cancellationToken) =>
        _completions.WriteAsync(new Completion(job, events, now));

    private static Task CompleteManyAsync(PostgresDatabase database, IReadOnlyList<Completion> completions) =>
        database.InTransactionAsync((connection, transaction, token) =>
        {
            var delete = new NpgsqlBatchCommand(DeleteDone)
                .With("ids", completions.Select(c => c.Job.Message.Id).ToArray())
                .With("claims", completions.Select(c => c.Job.LeaseUntil.Ms()).ToArray());
            // The batch's webhooks are due from its earliest completion's time: none is due later than its own.
            return PostgresEvents.ApplyAsync(connection, transaction, [.. completions.SelectMany(c => c.Events)], completions.Min(c => c.Now), token, delete);
        }, CancellationToken.None);

    public Task RetryAsync(DispatchJob job, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        database.Command("UPDATE dispatch_jobs SET due_at = @due, claimed_until = 0, claim = 0, attempts = attempts + 1 WHERE message_id = @id AND claim = @lease")
            .With("id", job.Message.Id).With("due", dueAt.Ms()).With("lease", job.LeaseUntil.Ms())
            .ExecuteAsync(cancellationToken);

    public Task DeferAsync(DispatchJob job, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        database.Command("UPDATE dispatch_jobs SET due_at = @due, claimed_until = 0, claim = 0 WHERE message_id = @id AND claim = @lease")
            .With("id", job.Message.Id).With("due", dueAt.Ms()).With("lease", job.LeaseUntil.Ms())
            .ExecuteAsync(cancellationToken);

    private sealed record Completion(DispatchJob Job, IReadOnlyList<UpstreamEvent> Events, DateTimeOffset Now);

    private static DispatchJob Map(DbDataReader r)
    {
        var message = new OutboundMessage(
            Id: r.GetString(0), ChannelId: r.GetString(1), To: r.GetString(2), Input: r.GetString(2), RecipientType: r.GetString(3),
            Type: r.GetString(4), Payload: r.GetString(5), BizOpaqueCallbackData: r.NullableString(6), ContextMessageId: null, CreatedAt: r.Time(7));
        return new DispatchJob(message, r.GetInt32(8), r.Time(10));
    }
}
