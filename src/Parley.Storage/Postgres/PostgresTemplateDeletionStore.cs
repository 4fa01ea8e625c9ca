using Npgsql;
using Parley.Core.Templates;

namespace Parley.Storage.Postgres;

internal sealed class PostgresTemplateDeletionStore(PostgresDatabase database) : ITemplateDeletionStore
{
    public Task<TemplateDeletion> DeleteAsync(
        string accountId, string? name, IReadOnlyCollection<string>? ids, Func<MessageTemplate, string> deletedEvent, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, ct) =>
        {
            await using var select = new NpgsqlCommand(
                $"SELECT {PostgresTemplateStore.Columns} FROM templates WHERE account_id = @account AND (@name::text IS NULL OR name = @name) FOR UPDATE",
                connection, transaction).With("account", accountId).With("name", name);
            var matching = await select.QueryAsync(PostgresTemplateStore.Map, ct);
            var plan = TemplateDeletion.Plan(matching, ids);
            foreach (var template in plan.Deleted)
            {
                await using (var delete = new NpgsqlCommand("DELETE FROM templates WHERE id = @id", connection, transaction).With("id", template.Id))
                {
                    await delete.ExecuteNonQueryAsync(ct);
                }
                await using (var fanOut = new NpgsqlCommand(PostgresTemplateStore.FanOut, connection, transaction)
                    .With("kind", EventKinds.TemplateStatus).With("payload", deletedEvent(template)).With("now", now.Ms()).With("account", accountId))
                {
                    await fanOut.ExecuteNonQueryAsync(ct);
                }
                if (template.Status == TemplateStatuses.Approved)
                {
                    await using var hold = new NpgsqlCommand(
                        """
                        INSERT INTO deleted_template_names (account_id, name, deleted_at) VALUES (@account, @name, @at)
                        ON CONFLICT (account_id, name) DO UPDATE SET deleted_at = excluded.deleted_at
                        """, connection, transaction).With("account", accountId).With("name", template.Name).With("at", now.Ms());
                    await hold.ExecuteNonQueryAsync(ct);
                }
            }
            return plan;
        }, cancellationToken);

    public async Task<DateTimeOffset?> ApprovedNameDeletedAtAsync(string accountId, string name, CancellationToken cancellationToken) =>
        (await database.Command("SELECT deleted_at FROM deleted_template_names WHERE account_id = @account AND name = @name")
            .With("account", accountId).With("name", name).ListAsync(r => (DateTimeOffset?)r.Time(0), cancellationToken)).FirstOrDefault();
}
