using System.Data.Common;
using Parley.Core.Templates;

namespace Parley.Storage.Sql;

/// <summary>
/// Templates. Creating under a limit holds the account's lock (<see cref="ISqlDatabase.LockKey"/>), so that concurrent
/// nodes count the account's templates one after another; uniqueness of name and language is the table's own
/// constraint. Creating without a limit (the sample template a new account's first sends create) counts nothing and
/// so takes no lock: concurrent creators wait only on the row one of them inserts.
/// </summary>
internal sealed class SqlTemplateStore(ISqlDatabase db) : ITemplateStore
{
    internal const string Columns =
        "id, account_id, name, language, category, sub_category, parameter_format, status, rejected_reason, components, created_at, updated_at, edit_count, edit_window_start, last_edited_at, review_due_at";

    /// <summary>An account-wide event (templates, flows) goes to every subscription of every channel of the account that wants it.</summary>
    internal static readonly string FanOut =
        $"""
        INSERT INTO webhook_outbox (subscription_id, channel_id, kind, payload, created_at, next_attempt_at)
        SELECT s.id, s.channel_id, @kind, @payload, @now, @now FROM webhook_subscriptions s JOIN channels c ON c.phone_number_id = s.channel_id
        WHERE c.account_id = @account AND {SubscriptionSql.Wants("s.events", "@kind")}
        """;

    public Task<TemplateCreateOutcome> CreateAsync(MessageTemplate template, int maxPerAccount, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            if (db.LockKey is { } lockKey && maxPerAccount < int.MaxValue)
            {
                await sql.ExecuteAsync(lockKey, [("key", template.AccountId)], cancellationToken);
            }
            var (count, duplicate) = (await sql.QueryAsync(
                """
                SELECT (SELECT COUNT(*) FROM templates WHERE account_id = @account),
                    EXISTS (SELECT 1 FROM templates WHERE account_id = @account AND name = @name AND language = @language)
                """,
                r => (r.GetInt64(0), r.GetBoolean(1)), [("account", template.AccountId), ("name", template.Name), ("language", template.Language)],
                cancellationToken))[0];
            if (duplicate)
            {
                return TemplateCreateOutcome.Duplicate;
            }
            if (count >= maxPerAccount)
            {
                return TemplateCreateOutcome.LimitReached;
            }
            var inserted = await sql.ExecuteAsync(
                $"""
                INSERT INTO templates ({Columns})
                VALUES (@id, @account, @name, @language, @category, @sub, @format, @status, @reason, @components, @created, @updated, @edits, @window, @edited, @review)
                ON CONFLICT (account_id, name, language) DO NOTHING
                """, Args(template), cancellationToken);
            return inserted > 0 ? TemplateCreateOutcome.Created : TemplateCreateOutcome.Duplicate;
        }, cancellationToken);

    public Task<MessageTemplate?> GetAsync(string id, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {Columns} FROM templates WHERE id = @id", Map, [("id", id)], cancellationToken);

    public Task<MessageTemplate?> FindAsync(string accountId, string name, string language, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {Columns} FROM templates WHERE account_id = @account AND name = @name AND language = @language",
            Map, [("account", accountId), ("name", name), ("language", language)], cancellationToken);

    public async Task<TemplatePage> ListAsync(TemplateQuery query, CancellationToken cancellationToken)
    {
        var backwards = query.Before is not null;
        var items = await db.QueryAsync(
            $"""
            SELECT {Columns} FROM templates
            WHERE account_id = @account
              AND (@name IS NULL OR {db.Position}(name, @name) > 0)
              AND (@status IS NULL OR status = @status)
              AND (@category IS NULL OR category = @category)
              AND (@language IS NULL OR language = @language)
              AND (@after IS NULL OR id > @after)
              AND (@before IS NULL OR id < @before)
            ORDER BY id {(backwards ? "DESC" : "ASC")} LIMIT @limit
            """,
            Map, [("account", query.AccountId), ("name", query.Name), ("status", query.Status), ("category", query.Category),
                  ("language", query.Language), ("after", query.After), ("before", query.Before), ("limit", query.Limit + 1)],
            cancellationToken);
        var more = items.Count > query.Limit;
        var page = items.Take(query.Limit).ToList();
        if (backwards)
        {
            page.Reverse();
        }
        return new TemplatePage(page, more);
    }

    public Task<bool> UpdateAsync(MessageTemplate current, MessageTemplate updated, string? statusEvent, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            var changed = await sql.ChangesAsync(
                """
                UPDATE templates SET category = @category, sub_category = @sub, parameter_format = @format, status = @status,
                    rejected_reason = @reason, components = @components, updated_at = @updated, edit_count = @edits,
                    edit_window_start = @window, last_edited_at = @edited, review_due_at = @review
                WHERE id = @id AND status = @expected_status AND updated_at = @expected_updated
                """,
                [.. Args(updated), ("expected_status", current.Status), ("expected_updated", current.UpdatedAt)], cancellationToken);
            if (changed && statusEvent is not null)
            {
                await FanOutAsync(sql, updated.AccountId, statusEvent, now, cancellationToken);
            }
            return changed;
        }, cancellationToken);

    public Task<IReadOnlyList<MessageTemplate>?> DeleteAsync(string accountId, string? name, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken) =>
        db.InTransactionAsync<IReadOnlyList<MessageTemplate>?>(async sql =>
        {
            var matching = await MatchingAsync(sql, accountId, name, cancellationToken);
            if (ids is not null)
            {
                matching = [.. matching.Where(t => ids.Contains(t.Id))];
                if (matching.Count != ids.Distinct().Count())
                {
                    return null;
                }
            }
            foreach (var template in matching)
            {
                await sql.ExecuteAsync("DELETE FROM templates WHERE id = @id", [("id", template.Id)], cancellationToken);
            }
            return matching;
        }, cancellationToken);

    public async Task<int> CountAsync(string accountId, CancellationToken cancellationToken) =>
        (await db.QueryAsync("SELECT COUNT(*) FROM templates WHERE account_id = @account", r => (int)r.GetInt64(0), [("account", accountId)], cancellationToken))[0];

    public async Task<IReadOnlyList<MessageTemplate>> DueForReviewAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            $"SELECT {Columns} FROM templates WHERE review_due_at IS NOT NULL AND review_due_at <= @now ORDER BY review_due_at LIMIT @max",
            Map, [("now", now), ("max", max)], cancellationToken);

    /// <summary>The account's templates of <paramref name="name"/> (all when null), locked for the transaction's changes.</summary>
    internal Task<List<MessageTemplate>> MatchingAsync(ISql sql, string accountId, string? name, CancellationToken cancellationToken) =>
        sql.QueryAsync($"SELECT {Columns} FROM templates WHERE account_id = @account AND (@name IS NULL OR name = @name){db.ForUpdate}",
            Map, [("account", accountId), ("name", name)], cancellationToken);

    internal static Task FanOutAsync(ISql sql, string accountId, string payload, DateTimeOffset now, CancellationToken cancellationToken) =>
        FanOutAsync(sql, accountId, EventKinds.TemplateStatus, payload, now, cancellationToken);

    /// <summary>Puts an account-wide event of <paramref name="kind"/> in the outbox of every channel of the account that wants it.</summary>
    internal static Task FanOutAsync(ISql sql, string accountId, string kind, string payload, DateTimeOffset now, CancellationToken cancellationToken) =>
        sql.ExecuteAsync(FanOut, [("kind", kind), ("payload", payload), ("now", now), ("account", accountId)], cancellationToken);

    private static SqlArg[] Args(MessageTemplate t) =>
    [
        ("id", t.Id), ("account", t.AccountId), ("name", t.Name), ("language", t.Language), ("category", t.Category),
        ("sub", t.SubCategory), ("format", t.ParameterFormat), ("status", t.Status), ("reason", t.RejectedReason),
        ("components", t.Components), ("created", t.CreatedAt), ("updated", t.UpdatedAt), ("edits", t.EditCount),
        ("window", t.EditWindowStart), ("edited", t.LastEditedAt), ("review", t.ReviewDueAt),
    ];

    internal static MessageTemplate Map(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.NullableString(5), r.GetString(6), r.GetString(7),
        r.GetString(8), r.GetString(9), r.Time(10), r.Time(11), r.GetInt32(12), r.NullableTime(13), r.NullableTime(14), r.NullableTime(15));
}
