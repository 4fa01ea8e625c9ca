using Microsoft.Data.Sqlite;
using Parley.Core.Templates;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteTemplateStore(SqliteDatabase database) : ITemplateStore
{
    internal const string Columns =
        "id, account_id, name, language, category, sub_category, parameter_format, status, rejected_reason, components, created_at, updated_at, edit_count, edit_window_start, last_edited_at, review_due_at";

    /// <summary>The template event goes to every subscription of every channel of the account that wants it.</summary>
    internal static readonly string FanOut =
        $"""
        INSERT INTO webhook_outbox (subscription_id, channel_id, kind, payload, created_at, next_attempt_at)
        SELECT s.id, s.channel_id, $kind, $payload, $now, $now FROM webhook_subscriptions s JOIN channels c ON c.phone_number_id = s.channel_id
        WHERE c.account_id = $account AND {SubscriptionSql.Wants("s.events", "$kind")}
        """;

    public Task<TemplateCreateOutcome> CreateAsync(MessageTemplate template, int maxPerAccount, CancellationToken cancellationToken) =>
        database.WriteAsync(c =>
        {
            var exists = c.Query("SELECT 1 FROM templates WHERE account_id = $account AND name = $name AND language = $language",
                r => 1, ("$account", template.AccountId), ("$name", template.Name), ("$language", template.Language)).Count > 0;
            if (exists)
            {
                return TemplateCreateOutcome.Duplicate;
            }
            var count = c.Query("SELECT COUNT(*) FROM templates WHERE account_id = $account", r => r.GetInt32(0), ("$account", template.AccountId))[0];
            if (count >= maxPerAccount)
            {
                return TemplateCreateOutcome.LimitReached;
            }
            c.Execute($"""
                INSERT INTO templates ({Columns})
                VALUES ($id, $account, $name, $language, $category, $sub, $format, $status, $reason, $components, $created, $updated, $edits, $window, $edited, $review)
                """, Parameters(template));
            return TemplateCreateOutcome.Created;
        }, cancellationToken);

    public Task<MessageTemplate?> GetAsync(string id, CancellationToken cancellationToken) =>
        Read(c => c.Query($"SELECT {Columns} FROM templates WHERE id = $id", Map, ("$id", id)).FirstOrDefault());

    public Task<MessageTemplate?> FindAsync(string accountId, string name, string language, CancellationToken cancellationToken) =>
        Read(c => c.Query($"SELECT {Columns} FROM templates WHERE account_id = $account AND name = $name AND language = $language",
            Map, ("$account", accountId), ("$name", name), ("$language", language)).FirstOrDefault());

    public Task<TemplatePage> ListAsync(TemplateQuery query, CancellationToken cancellationToken) =>
        Read(c =>
        {
            var backwards = query.Before is not null;
            var items = c.Query(
                $"""
                SELECT {Columns} FROM templates
                WHERE account_id = $account
                  AND ($name IS NULL OR instr(name, $name) > 0)
                  AND ($status IS NULL OR status = $status)
                  AND ($category IS NULL OR category = $category)
                  AND ($language IS NULL OR language = $language)
                  AND ($after IS NULL OR id > $after)
                  AND ($before IS NULL OR id < $before)
                ORDER BY id {(backwards ? "DESC" : "ASC")} LIMIT $limit
                """,
                Map, ("$account", query.AccountId), ("$name", query.Name), ("$status", query.Status), ("$category", query.Category),
                ("$language", query.Language), ("$after", query.After), ("$before", query.Before), ("$limit", query.Limit + 1));
            var more = items.Count > query.Limit;
            var page = items.Take(query.Limit).ToList();
            if (backwards)
            {
                page.Reverse();
            }
            return new TemplatePage(page, more);
        });

    public Task<bool> UpdateAsync(MessageTemplate current, MessageTemplate updated, string? statusEvent, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(c =>
        {
            var changed = c.Execute(
                """
                UPDATE templates SET category = $category, sub_category = $sub, parameter_format = $format, status = $status,
                    rejected_reason = $reason, components = $components, updated_at = $updated, edit_count = $edits,
                    edit_window_start = $window, last_edited_at = $edited, review_due_at = $review
                WHERE id = $id AND status = $expected_status AND updated_at = $expected_updated
                """,
                [.. Parameters(updated), ("$expected_status", current.Status), ("$expected_updated", current.UpdatedAt.Ms())]) > 0;
            if (changed && statusEvent is not null)
            {
                c.Execute(FanOut, ("$kind", EventKinds.TemplateStatus), ("$payload", statusEvent), ("$now", now.Ms()), ("$account", updated.AccountId));
            }
            return changed;
        }, cancellationToken);

    public Task<IReadOnlyList<MessageTemplate>?> DeleteAsync(string accountId, string? name, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<MessageTemplate>?>(c =>
        {
            var matching = c.Query($"SELECT {Columns} FROM templates WHERE account_id = $account AND ($name IS NULL OR name = $name)",
                Map, ("$account", accountId), ("$name", name));
            if (ids is not null)
            {
                matching = matching.Where(t => ids.Contains(t.Id)).ToList();
                if (matching.Count != ids.Distinct().Count())
                {
                    return null;
                }
            }
            foreach (var template in matching)
            {
                c.Execute("DELETE FROM templates WHERE id = $id", ("$id", template.Id));
            }
            return matching;
        }, cancellationToken);

    public Task<int> CountAsync(string accountId, CancellationToken cancellationToken) =>
        Read(c => c.Query("SELECT COUNT(*) FROM templates WHERE account_id = $account", r => r.GetInt32(0), ("$account", accountId))[0]);

    public Task<IReadOnlyList<MessageTemplate>> DueForReviewAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        Read<IReadOnlyList<MessageTemplate>>(c => c.Query(
            $"SELECT {Columns} FROM templates WHERE review_due_at IS NOT NULL AND review_due_at <= $now ORDER BY review_due_at LIMIT $max",
            Map, ("$now", now.Ms()), ("$max", max)));

    private Task<T> Read<T>(Func<SqliteConnection, T> read) => Task.FromResult(database.Read(read));

    private static (string, object?)[] Parameters(MessageTemplate t) =>
    [
        ("$id", t.Id), ("$account", t.AccountId), ("$name", t.Name), ("$language", t.Language), ("$category", t.Category),
        ("$sub", t.SubCategory), ("$format", t.ParameterFormat), ("$status", t.Status), ("$reason", t.RejectedReason),
        ("$components", t.Components), ("$created", t.CreatedAt.Ms()), ("$updated", t.UpdatedAt.Ms()), ("$edits", t.EditCount),
        ("$window", t.EditWindowStart?.Ms()), ("$edited", t.LastEditedAt?.Ms()), ("$review", t.ReviewDueAt?.Ms()),
    ];

    internal static MessageTemplate Map(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.NullableString(5), r.GetString(6), r.GetString(7),
        r.GetString(8), r.GetString(9), r.Time(10), r.Time(11), r.GetInt32(12), r.NullableTime(13), r.NullableTime(14), r.NullableTime(15));
}
