namespace Parley.Storage.Postgres;

/// <summary>The webhook outbox shared by every node: claimed like the dispatch queue, with <c>FOR UPDATE SKIP LOCKED</c> and a lease.</summary>
internal sealed class PostgresWebhookOutbox(PostgresDatabase database, ISqlDatabase db) : SqlWebhookOutbox(db)
{
    public override async Task<IReadOnlyList<OutboxEvent>> ClaimAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
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

    protected override (string Condition, SqlArg Ids) IdsIn(IReadOnlyCollection<long> ids) =>
        ("id = ANY(@ids)", SqlArg.Native("ids", ids.ToArray()));
}
