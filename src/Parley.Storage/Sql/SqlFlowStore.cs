using System.Data.Common;
using Parley.Core.Flows;

namespace Parley.Storage.Sql;

/// <summary>
/// Flows and business encryption keys. A flow's name is unique within its account (the table's constraint); creating
/// and renaming rely on it instead of a lock.
/// </summary>
internal sealed class SqlFlowStore(ISqlDatabase db) : IFlowStore
{
    private const string Columns =
        "id, account_id, name, categories, status, flow_json, validation_errors, json_version, data_api_version, endpoint_uri, preview_token, preview_expires_at, created_at, updated_at";

    public async Task<FlowCreateOutcome> CreateAsync(Flow flow, CancellationToken cancellationToken)
    {
        var inserted = await db.ChangesAsync(
            $"""
            INSERT INTO wa_flows ({Columns})
            VALUES (@id, @account, @name, @categories, @status, @json, @errors, @json_version, @data_api_version, @endpoint, @preview, @preview_expires, @created, @updated)
            ON CONFLICT (account_id, name) DO NOTHING
            """, Args(flow), cancellationToken);
        return inserted ? FlowCreateOutcome.Created : FlowCreateOutcome.DuplicateName;
    }

    public Task<Flow?> GetAsync(string flowId, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {Columns} FROM wa_flows WHERE id = @id", Map, [("id", flowId)], cancellationToken);

    public Task<Flow?> FindByNameAsync(string accountId, string name, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {Columns} FROM wa_flows WHERE account_id = @account AND name = @name", Map,
            [("account", accountId), ("name", name)], cancellationToken);

    public async Task<IReadOnlyList<Flow>> ListAsync(string accountId, int limit, FlowCursor? after, FlowCursor? before, CancellationToken cancellationToken)
    {
        SqlArg[] args = [("account", accountId), ("limit", limit), ("at", (after ?? before)?.CreatedAt), ("id", (after ?? before)?.Id)];
        if (before is not null)
        {
            var page = await db.QueryAsync(
                $"""
                SELECT {Columns} FROM wa_flows WHERE account_id = @account
                    AND (created_at < @at OR (created_at = @at AND id < @id))
                ORDER BY created_at DESC, id DESC LIMIT @limit
                """, Map, args, cancellationToken);
            page.Reverse();
            return page;
        }
        return await db.QueryAsync(
            $"""
            SELECT {Columns} FROM wa_flows WHERE account_id = @account
                AND (@id IS NULL OR created_at > @at OR (created_at = @at AND id > @id))
            ORDER BY created_at, id LIMIT @limit
            """, Map, args, cancellationToken);
    }

    public Task<bool> UpdateAsync(Flow current, Flow updated, IReadOnlyList<string> events, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            if (updated.Name != current.Name && await sql.FirstOrDefaultAsync(
                    "SELECT id FROM wa_flows WHERE account_id = @account AND name = @name AND id <> @id", r => r.GetString(0),
                    [("account", updated.AccountId), ("name", updated.Name), ("id", updated.Id)], cancellationToken) is not null)
            {
                return false;
            }
            var changed = await sql.ChangesAsync(
                """
                UPDATE wa_flows SET name = @name, categories = @categories, status = @status, flow_json = @json,
                    validation_errors = @errors, json_version = @json_version, data_api_version = @data_api_version,
                    endpoint_uri = @endpoint, preview_token = @preview, preview_expires_at = @preview_expires, updated_at = @updated
                WHERE id = @id AND status = @expected_status AND updated_at = @expected_updated
                """,
                [.. Args(updated), ("expected_status", current.Status), ("expected_updated", current.UpdatedAt)], cancellationToken);
            if (changed)
            {
                foreach (var payload in events)
                {
                    await SqlTemplateStore.FanOutAsync(sql, updated.AccountId, EventKinds.Flows, payload, now, cancellationToken);
                }
            }
            return changed;
        }, cancellationToken);

    public Task<bool> DeleteDraftAsync(string flowId, CancellationToken cancellationToken) =>
        db.ChangesAsync("DELETE FROM wa_flows WHERE id = @id AND status = @draft", [("id", flowId), ("draft", FlowStatuses.Draft)], cancellationToken);

    public Task AddEventAsync(string accountId, string payload, DateTimeOffset now, CancellationToken cancellationToken) =>
        SqlTemplateStore.FanOutAsync(db, accountId, EventKinds.Flows, payload, now, cancellationToken);

    public Task SetEncryptionKeyAsync(BusinessEncryptionKey key, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            """
            INSERT INTO wa_business_keys (channel_id, public_key, updated_at) VALUES (@channel, @key, @updated)
            ON CONFLICT (channel_id) DO UPDATE SET public_key = excluded.public_key, updated_at = excluded.updated_at
            """, [("channel", key.ChannelId), ("key", key.PublicKeyPem), ("updated", key.UpdatedAt)], cancellationToken);

    public Task<BusinessEncryptionKey?> GetEncryptionKeyAsync(string channelId, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync("SELECT channel_id, public_key, updated_at FROM wa_business_keys WHERE channel_id = @channel",
            r => new BusinessEncryptionKey(r.GetString(0), r.GetString(1), r.Time(2)), [("channel", channelId)], cancellationToken);

    private static SqlArg[] Args(Flow f) =>
    [
        ("id", f.Id), ("account", f.AccountId), ("name", f.Name), ("categories", string.Join(',', f.Categories)), ("status", f.Status),
        ("json", f.FlowJson), ("errors", FlowValidationErrorJson.ToJson(f.ValidationErrors).ToJsonString()), ("json_version", f.JsonVersion),
        ("data_api_version", f.DataApiVersion), ("endpoint", f.EndpointUri), ("preview", f.PreviewToken), ("preview_expires", f.PreviewExpiresAt),
        ("created", f.CreatedAt), ("updated", f.UpdatedAt),
    ];

    private static Flow Map(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries), r.GetString(4),
        r.NullableString(5), FlowValidationErrorJson.Parse(r.GetString(6)), r.NullableString(7), r.NullableString(8), r.NullableString(9),
        r.NullableString(10), r.NullableTime(11), r.Time(12), r.Time(13));
}
