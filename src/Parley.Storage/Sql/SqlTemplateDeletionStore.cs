using Parley.Core.Templates;

namespace Parley.Storage.Sql;

internal sealed class SqlTemplateDeletionStore(ISqlDatabase db, SqlTemplateStore templates) : ITemplateDeletionStore
{
    public Task<TemplateDeletion> DeleteAsync(
        string accountId, string? name, IReadOnlyCollection<string>? ids, Func<MessageTemplate, string> deletedEvent, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            var plan = TemplateDeletion.Plan(await templates.MatchingAsync(sql, accountId, name, cancellationToken), ids);
            foreach (var template in plan.Deleted)
            {
                await sql.ExecuteAsync("DELETE FROM templates WHERE id = @id", [("id", template.Id)], cancellationToken);
                await SqlTemplateStore.FanOutAsync(sql, accountId, deletedEvent(template), now, cancellationToken);
                if (template.Status == TemplateStatuses.Approved)
                {
                    await sql.ExecuteAsync(
                        """
                        INSERT INTO deleted_template_names (account_id, name, deleted_at) VALUES (@account, @name, @at)
                        ON CONFLICT (account_id, name) DO UPDATE SET deleted_at = excluded.deleted_at
                        """,
                        [("account", accountId), ("name", template.Name), ("at", now)], cancellationToken);
                }
            }
            return plan;
        }, cancellationToken);

    public Task<DateTimeOffset?> ApprovedNameDeletedAtAsync(string accountId, string name, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync("SELECT deleted_at FROM deleted_template_names WHERE account_id = @account AND name = @name",
            r => (DateTimeOffset?)r.Time(0), [("account", accountId), ("name", name)], cancellationToken);
}
