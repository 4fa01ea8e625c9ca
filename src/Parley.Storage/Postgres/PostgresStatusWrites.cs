using Npgsql;
using Parley.Core.Model;
using Parley.Core.Pricing;

namespace Parley.Storage.Postgres;

/// <summary>
/// The status changes of a batch of events as set-based statements: the changes that follow each other go out as one
/// statement (each message moves to its last status, every change gets its history row and its webhooks), the pricing
/// as another, instead of a few statements per status. A statement for anything else (an inbound message, a
/// participant's receipt) is added only after <see cref="Flush"/>, so the outbox keeps the events' order.
/// </summary>
internal sealed class PostgresStatusWrites
{
    /// <summary>
    /// The changes (<c>n</c> their order): each message takes its last change's status and time and its last error, every
    /// change its history row, and every change, in order, goes to the subscriptions of its channel that want statuses.
    /// </summary>
    private static readonly string ApplyChanges =
        $"""
        WITH changes AS (
            SELECT * FROM unnest(@ids, @channels, @statuses, @errors, @ats, @payloads) WITH ORDINALITY AS c(id, channel_id, status, error, at, payload, n)),
        last AS (
            SELECT DISTINCT ON (id) id, status, at FROM changes ORDER BY id, n DESC),
        last_error AS (
            SELECT DISTINCT ON (id) id, error FROM changes WHERE error IS NOT NULL ORDER BY id, n DESC),
        changed AS (
            UPDATE messages m SET status = last.status, error = COALESCE(last_error.error, m.error), updated_at = last.at
            FROM last LEFT JOIN last_error ON last_error.id = last.id
            WHERE m.id = last.id),
        history AS (
            INSERT INTO message_statuses (message_id, status, at, error) SELECT id, status, at, error FROM changes)
        INSERT INTO webhook_outbox (subscription_id, channel_id, kind, payload, created_at, next_attempt_at)
        SELECT s.id, s.channel_id, '{EventKinds.Statuses}', c.payload, @now, @now
        FROM changes c JOIN webhook_subscriptions s ON s.channel_id = c.channel_id
        WHERE {SubscriptionSql.Wants("s.events", $"'{EventKinds.Statuses}'")}
            AND {SubscriptionSql.NotOverridden("s.", "c.channel_id", $"'{EventKinds.Statuses}'")}
        ORDER BY c.n, s.id
        """;

    /// <summary><see cref="SharedMigrations.RecordPricing"/> for many rows: a message keeps the first pricing it got.</summary>
    private const string RecordPricing =
        """
        INSERT INTO message_pricing (message_id, channel_id, category, type, billable, country, price_micros, currency, priced_at)
        SELECT id, channel_id, category, type, billable, country, price, currency, at
        FROM unnest(@ids, @channels, @categories, @types, @billables, @countries, @prices, @currencies, @ats)
            WITH ORDINALITY AS p(id, channel_id, category, type, billable, country, price, currency, at, n)
        ORDER BY n
        ON CONFLICT (message_id) DO NOTHING
        """;

    private readonly List<(StatusEvent Status, string? Error, string Payload)> _changes = [];
    private readonly List<StatusEvent> _priced = [];

    /// <summary>The message of <paramref name="status"/> moves to it (already decided to be progress).</summary>
    public void Change(StatusEvent status, string? error, string payload) => _changes.Add((status, error, payload));

    public void Price(StatusEvent status) => _priced.Add(status);

    /// <summary>Adds the statement for the changes gathered so far to <paramref name="batch"/>.</summary>
    public void Flush(NpgsqlBatch batch, DateTimeOffset now)
    {
        if (_changes.Count == 0)
        {
            return;
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand(ApplyChanges)
            .With("ids", _changes.Select(c => c.Status.MessageId).ToArray())
            .With("channels", _changes.Select(c => c.Status.ChannelId).ToArray())
            .With("statuses", _changes.Select(c => (int)c.Status.Status).ToArray())
            .With("errors", _changes.Select(c => c.Error).ToArray())
            .With("ats", _changes.Select(c => c.Status.At.Ms()).ToArray())
            .With("payloads", _changes.Select(c => c.Payload).ToArray())
            .With("now", now.Ms()));
        _changes.Clear();
    }

    /// <summary>Adds the statements still due (the last changes and the pricing) to <paramref name="batch"/>.</summary>
    public void FlushAll(NpgsqlBatch batch, DateTimeOffset now)
    {
        Flush(batch, now);
        if (_priced.Count == 0)
        {
            return;
        }
        var pricings = _priced.Select(s => s.Pricing!).ToList();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(RecordPricing)
            .With("ids", _priced.Select(s => s.MessageId).ToArray())
            .With("channels", _priced.Select(s => s.ChannelId).ToArray())
            .With("categories", pricings.Select(p => p.Category).ToArray())
            .With("types", pricings.Select(p => p.PricingType).ToArray())
            .With("billables", pricings.Select(p => p.Billable).ToArray())
            .With("countries", pricings.Select(p => p.Country).ToArray())
            .With("prices", pricings.Select(p => PricedMessage.ToMicros(p.Price)).ToArray())
            .With("currencies", pricings.Select(p => p.Currency).ToArray())
            .With("ats", _priced.Select(s => s.At.Ms()).ToArray()));
        _priced.Clear();
    }
}
