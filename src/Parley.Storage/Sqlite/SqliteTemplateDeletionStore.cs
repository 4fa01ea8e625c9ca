using Parley.Core.Templates;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteTemplateDeletionStore(SqliteDatabase database) : ITemplateDeletionStore
{
    public Task<TemplateDeletion> DeleteAsync(
        string accountId, string? name, IReadOnlyCollection<string>? ids, Func<MessageTemplate, string> deletedEvent, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(c =>
        {
            var matching = c.Query($"SELECT {SqliteTemplateStore.Columns} FROM templates WHERE account_id = $account AND ($name IS NULL OR name = $name)",
                SqliteTemplateStore.Map, ("$account", accountId), ("$name", name));
            var plan = TemplateDeletion.Plan(matching, ids);
            foreach (var template in plan.Deleted)
            {
                c.Execute("DELETE FROM templates WHERE id = $id", ("$id", template.Id));
                c.Execute(SqliteTemplateStore.FanOut, ("$kind", EventKinds.TemplateStatus), ("$payload", deletedEvent(template)), ("$now", now.Ms()), ("$account", accountId));
                if (template.Status == TemplateStatuses.Approved)
                {
                    c.Execute(
                        """
                        INSERT INTO deleted_template_names (account_id, name, deleted_at) VALUES ($account, $name, $at)
                        ON CONFLICT (account_id, name) DO UPDATE SET deleted_at = excluded.deleted_at
                        """,
                        ("$account", accountId), ("$name", template.Name), ("$at", now.Ms()));
                }
            }
            return plan;
        }, cancellationToken);

    public Task<DateTimeOffset?> ApprovedNameDeletedAtAsync(string accountId, string name, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(c => c.Query(
            "SELECT deleted_at FROM deleted_template_names WHERE account_id = $account AND name = $name",
            r => (DateTimeOffset?)r.Time(0), ("$account", accountId), ("$name", name)).FirstOrDefault()));
}
