using Npgsql;
using Parley.Core.Templates;

namespace Parley.Storage.Postgres;

/// <summary>
/// Templates on PostgreSQL. Creating takes a transaction-scoped advisory lock on the account, so that concurrent nodes
/// count the account's templates one after another; uniqueness of name and language is the table's own constraint.
/// </summary>
internal sealed class PostgresTemplateStore(PostgresDatabase database) : ITemplateStore
{
    internal const string Columns =
        "id, account_id, name, language, category, sub_category, parameter_format, status, rejected_reason, components, created_at, updated_at, edit_count, edit_window_start, last_edited_at, review_due_at";

    internal static readonly string FanOut =
        $"""
        INSERT INTO webhook_outbox (subscription_id, channel_id, kind, payload, created_at, next_attempt_at)
        SELECT s.id, s.channel_id, @kind, @payload, @now, @now FROM webhook_subscriptions s JOIN channels c ON c.phone_number_id = s.channel_id
        WHERE c.account_id = @account AND {SubscriptionSql.Wants("s.events", "@kind")}
        """;

    public Task<TemplateCreateOutcome> CreateAsync(MessageTemplate template, int maxPerAccount, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, ct) =>
        {
            await using (var lockAccount = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@account, 7))", connection, transaction))
            {
                await lockAccount.With("account", template.AccountId).ExecuteNonQueryAsync(ct);
            }
            await using (var exists = new NpgsqlCommand(
                "SELECT (SELECT COUNT(*) FROM templates WHERE account_id = @account), EXISTS (SELECT 1 FROM templates WHERE account_id = @account AND name = @name AND language = @language)",
                connection, transaction))
            {
                exists.With("account", template.AccountId).With("name", template.Name).With("language", template.Language);
                var (count, duplicate) = (await exists.QueryAsync(r => (r.GetInt64(0), r.GetBoolean(1)), ct))[0];
                if (duplicate)
                {
                    return TemplateCreateOutcome.Duplicate;
                }
                if (count >= maxPerAccount)
                {
                    return TemplateCreateOutcome.LimitReached;
                }
            }
            await using var insert = With(new NpgsqlCommand(
                $"""
                INSERT INTO templates ({Columns})
                VALUES (@id, @account, @name, @language, @category, @sub, @format, @status, @reason, @components, @created, @updated, @edits, @window, @edited, @review)
                ON CONFLICT (account_id, name, language) DO NOTHING
                """, connection, transaction), template);
            return await insert.ExecuteNonQueryAsync(ct) > 0 ? TemplateCreateOutcome.Created : TemplateCreateOutcome.Duplicate;
        }, cancellationToken);

    public Task<MessageTemplate?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.Command($"SELECT {Columns} FROM templates WHERE id = @id").With("id", id).FirstOrDefaultAsync(Map, cancellationToken);

    public Task<MessageTemplate?> FindAsync(string accountId, string name, string language, CancellationToken cancellationToken) =>
        database.Command($"SELECT {Columns} FROM templates WHERE account_id = @account AND name = @name AND language = @language")
            .With("account", accountId).With("name", name).With("language", language).FirstOrDefaultAsync(Map, cancellationToken);

    public async Task<TemplatePage> ListAsync(TemplateQuery query, CancellationToken cancellationToken)
    {
        var backwards = query.Before is not null;
        var items = await database.Command(
                $"""
                SELECT {Columns} FROM templates
                WHERE account_id = @account
                  AND (@name::text IS NULL OR strpos(name, @name) > 0)
                  AND (@status::text IS NULL OR status = @status)
                  AND (@category::text IS NULL OR category = @category)
                  AND (@language::text IS NULL OR language = @language)
                  AND (@after::text IS NULL OR id > @after)
                  AND (@before::text IS NULL OR id < @before)
                ORDER BY id {(backwards ? "DESC" : "ASC")} LIMIT @limit
                """)
            .With("account", query.AccountId).With("name", query.Name).With("status", query.Status).With("category", query.Category)
            .With("language", query.Language).With("after", query.After).With("before", query.Before).With("limit", query.Limit + 1)
            .ListAsync(Map, cancellationToken);
        var more = items.Count > query.Limit;
        var page = items.Take(query.Limit).ToList();
        if (backwards)
        {
            page.Reverse();
        }
        return new TemplatePage(page, more);
    }

    public Task<bool> UpdateAsync(MessageTemplate current, MessageTemplate updated, string? statusEvent, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, ct) =>
        {
            await using var update = With(new NpgsqlCommand(
                """
                UPDATE templates SET category = @category, sub_category = @sub, parameter_format = @format, status = @status,
                    rejected_reason = @reason, components = @components, updated_at = @updated, edit_count = @edits,
                    edit_window_start = @window, last_edited_at = @edited, review_due_at = @review
                WHERE id = @id AND status = @expected_status AND updated_at = @expected_updated
                """, connection, transaction), updated)
                .With("expected_status", current.Status).With("expected_updated", current.UpdatedAt.Ms());
            var changed = await update.ExecuteNonQueryAsync(ct) > 0;
            if (changed && statusEvent is not null)
            {
                await using var fanOut = new NpgsqlCommand(FanOut, connection, transaction)
                    .With("kind", EventKinds.TemplateStatus).With("payload", statusEvent).With("now", now.Ms()).With("account", updated.AccountId);
                await fanOut.ExecuteNonQueryAsync(ct);
            }
            return changed;
        }, cancellationToken);

    public Task<IReadOnlyList<MessageTemplate>?> DeleteAsync(string accountId, string? name, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken) =>
        database.InTransactionAsync<IReadOnlyList<MessageTemplate>?>(async (connection, transaction, ct) =>
        {
            await using var select = new NpgsqlCommand(
                $"SELECT {Columns} FROM templates WHERE account_id = @account AND (@name::text IS NULL OR name = @name) FOR UPDATE", connection, transaction)
                .With("account", accountId).With("name", name);
            var matching = await select.QueryAsync(Map, ct);
            if (ids is not null)
            {
                matching = matching.Where(t => ids.Contains(t.Id)).ToList();
                if (matching.Count != ids.Distinct().Count())
                {
                    return null;
                }
            }
            await using var delete = new NpgsqlCommand("DELETE FROM templates WHERE id = ANY(@ids)", connection, transaction)
                .With("ids", matching.Select(t => t.Id).ToArray());
            await delete.ExecuteNonQueryAsync(ct);
            return matching;
        }, cancellationToken);

    public async Task<int> CountAsync(string accountId, CancellationToken cancellationToken) =>
        (await database.Command("SELECT COUNT(*)::int FROM templates WHERE account_id = @account").With("account", accountId)
            .ListAsync(r => r.GetInt32(0), cancellationToken))[0];

    public async Task<IReadOnlyList<MessageTemplate>> DueForReviewAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        await database.Command($"SELECT {Columns} FROM templates WHERE review_due_at IS NOT NULL AND review_due_at <= @now ORDER BY review_due_at LIMIT @max")
            .With("now", now.Ms()).With("max", max).ListAsync(Map, cancellationToken);

    private static NpgsqlCommand With(NpgsqlCommand command, MessageTemplate t) => command
        .With("id", t.Id).With("account", t.AccountId).With("name", t.Name).With("language", t.Language).With("category", t.Category)
        .With("sub", t.SubCategory).With("format", t.ParameterFormat).With("status", t.Status).With("reason", t.RejectedReason)
        .With("components", t.Components).With("created", t.CreatedAt.Ms()).With("updated", t.UpdatedAt.Ms()).With("edits", t.EditCount)
        .With("window", t.EditWindowStart?.Ms()).With("edited", t.LastEditedAt?.Ms()).With("review", t.ReviewDueAt?.Ms());

    internal static MessageTemplate Map(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.NullableString(5), r.GetString(6), r.GetString(7),
        r.GetString(8), r.GetString(9), r.Time(10), r.Time(11), r.GetInt32(12), r.NullableTime(13), r.NullableTime(14), r.NullableTime(15));
}
