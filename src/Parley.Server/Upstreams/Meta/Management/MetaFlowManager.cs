using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Flows;
using Parley.Server.Flows;
using Parley.Storage;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>Claims the flow management of every account that has a <c>meta</c> channel naming Meta's WABA (<c>waba_id</c>): its flows live at Meta.</summary>
internal sealed class MetaFlowManagers(IAccountStore accounts, IFlowStore store, MetaGraphClient graph, MetaFlowMirror mirror) : IRemoteFlowManagers
{
    public async Task<IFlowManager?> ForAccountAsync(string accountId, CancellationToken cancellationToken) =>
        await MetaAccounts.SettingsAsync(accounts, accountId, cancellationToken) is { } settings
            ? new MetaFlowManager(settings, settings.WabaId!, accounts, store, graph, mirror)
            : null;
}

/// <summary>
/// Flows of a WABA at Meta (Meta, "Flows API"): every call is made at Meta first, and Meta's refusal is answered as Meta
/// gave it (Meta keeps the lifecycle rules). What Meta answers is copied into Parley's copy (<see cref="MetaFlowMirror"/>,
/// under Meta's flow ids), which the send checks read; Meta's <c>flows</c> webhooks keep it current between calls
/// (<see cref="MetaFlowSync"/>). A flow whose copy belongs to another account is unknown, as at Meta.
/// </summary>
internal sealed class MetaFlowManager(
    MetaSettings settings, string metaWabaId, IAccountStore accounts, IFlowStore store, MetaGraphClient graph, MetaFlowMirror mirror) : IFlowManager
{
    public async Task<Outcome<FlowCreated>> CreateAsync(string accountId, FlowDraft draft, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["name"] = draft.Name, ["categories"] = new JsonArray([.. draft.Categories.Select(c => (JsonNode)c)]) };
        if (draft.EndpointUri is not null)
        {
            body["endpoint_uri"] = draft.EndpointUri;
        }
        if (draft.CloneFlowId is not null)
        {
            body["clone_flow_id"] = draft.CloneFlowId;
        }
        if (draft.FlowJson is not null)
        {
            body["flow_json"] = draft.FlowJson;
        }
        if (draft.Publish)
        {
            body["publish"] = true;
        }
        var answer = await graph.PostJsonAsync(settings, $"{metaWabaId}/flows", body.ToJsonString(), cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        if (MetaGroupJson.Text(answer.Value, "id") is not { Length: > 0 } id)
        {
            return ErrorCatalog.ServiceTemporarilyUnavailable.With("Meta created the flow without answering its id.");
        }
        // The copy starts as the draft Meta made; Meta's flow object then brings it up to date (a publish is announced).
        var created = new JsonObject
        {
            ["id"] = id, ["name"] = draft.Name, ["status"] = FlowStatuses.Draft,
            ["categories"] = new JsonArray([.. draft.Categories.Select(c => (JsonNode)c)]), ["endpoint_uri"] = draft.EndpointUri,
            ["validation_errors"] = answer.Value["validation_errors"]?.DeepClone() ?? new JsonArray(),
        };
        var flow = await mirror.MirrorAsync(accountId, created, draft.FlowJson, cancellationToken);
        var current = await graph.GetAsync(settings, $"{id}?fields={MetaFlowMirror.Fields}", cancellationToken);
        if (current.Succeeded && current.Value is JsonObject item)
        {
            flow = await mirror.MirrorAsync(accountId, item, draft.FlowJson, cancellationToken);
        }
        if (flow is null)
        {
            return ErrorCatalog.ServiceTemporarilyUnavailable.With("Meta created the flow but its answer could not be read.");
        }
        WhatsAppError? publishError = null;
        if (draft.Publish && flow.Status == FlowStatuses.Draft)
        {
            publishError = flow.ValidationErrors.Count > 0 || answer.Value["success"] is JsonValue success && success.GetValueKind() == JsonValueKind.False
                ? ErrorCatalog.FlowPublishingError.With("Publishing Flow with validation errors.")
                : ErrorCatalog.FlowPublishingError.With("Meta created the flow as a draft and did not publish it.");
        }
        return new FlowCreated(flow, publishError);
    }

    public async Task<Outcome<FlowPage>> ListAsync(string accountId, int limit, string? after, string? before, CancellationToken cancellationToken)
    {
        var query = $"fields={MetaFlowMirror.Fields}&limit={limit.ToString(CultureInfo.InvariantCulture)}"
            + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)) + (before is null ? "" : "&before=" + Uri.EscapeDataString(before));
        var answer = await graph.GetAsync(settings, $"{metaWabaId}/flows?{query}", cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        var flows = new List<Flow>();
        foreach (var item in MetaGroupJson.Objects(answer.Value, "data"))
        {
            if (await mirror.MirrorAsync(accountId, item, null, cancellationToken) is { } flow && flow.AccountId == accountId)
            {
                flows.Add(flow);
            }
        }
        var paging = answer.Value["paging"];
        var cursors = paging?["cursors"];
        return new FlowPage(flows, MetaGroupJson.Text(cursors, "before"), MetaGroupJson.Text(cursors, "after"),
            paging?["previous"] is not null, paging?["next"] is not null);
    }

    public async Task<Outcome<Flow>> GetAsync(string accountId, string flowId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(flowId, cancellationToken) is { } local && local.AccountId != accountId)
        {
            return ErrorCatalog.UnknownObject(flowId, "get");
        }
        var answer = await graph.GetAsync(settings, $"{Uri.EscapeDataString(flowId)}?fields={MetaFlowMirror.Fields}", cancellationToken);
        if (!answer.Succeeded)
        {
            if (answer.Error.Code == ErrorCatalog.UnsupportedRequest.Code && answer.Error.Subcode == 33)
            {
                await store.DeleteDraftAsync(flowId, cancellationToken); // gone at Meta: a draft copy goes too
            }
            return answer.Error;
        }
        return answer.Value is JsonObject item && await mirror.MirrorAsync(accountId, item, null, cancellationToken) is { } flow
            ? flow
            : ErrorCatalog.ServiceTemporarilyUnavailable.With("Meta answered the flow with something that is not a flow.");
    }

    public async Task<WhatsAppError?> UpdateMetadataAsync(string accountId, string flowId, FlowMetadataChange change, CancellationToken cancellationToken)
    {
        var found = await CopyAsync(accountId, flowId, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error;
        }
        var body = new JsonObject();
        if (change.Name is not null)
        {
            body["name"] = change.Name;
        }
        if (change.Categories is not null)
        {
            body["categories"] = new JsonArray([.. change.Categories.Select(c => (JsonNode)c)]);
        }
        if (change.EndpointUri is not null)
        {
            body["endpoint_uri"] = change.EndpointUri;
        }
        var answer = await graph.PostJsonAsync(settings, Uri.EscapeDataString(flowId), body.ToJsonString(), cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        await mirror.EditAsync(found.Value, f => f with
        {
            Name = change.Name ?? f.Name,
            Categories = change.Categories ?? f.Categories,
            EndpointUri = change.EndpointUri switch { null => f.EndpointUri, "" => null, var uri => uri },
        }, cancellationToken);
        return null;
    }

    public async Task<Outcome<IReadOnlyList<FlowValidationError>>> UploadFlowJsonAsync(string accountId, string flowId, string flowJson, CancellationToken cancellationToken)
    {
        var found = await CopyAsync(accountId, flowId, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error;
        }
        using var content = new MultipartFormDataContent();
        var file = new StringContent(flowJson, Encoding.UTF8);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "file", FlowRules.FlowJsonAssetName);
        content.Add(new StringContent(FlowRules.FlowJsonAssetName), "name");
        content.Add(new StringContent(FlowRules.FlowJsonAssetType), "asset_type");
        var answer = await graph.SendAsync(settings, HttpMethod.Post, $"{Uri.EscapeDataString(flowId)}/assets", content, cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        var errors = answer.Value["validation_errors"] is JsonArray items ? FlowValidationErrorJson.Parse(items.ToJsonString()) : [];
        await mirror.EditAsync(found.Value, f => MetaFlowMirror.WithJson(f, flowJson) with { ValidationErrors = errors }, cancellationToken);
        return Outcome<IReadOnlyList<FlowValidationError>>.Success(errors);
    }

    public async Task<Outcome<FlowPreview>> PreviewAsync(string accountId, string flowId, bool invalidate, Uri publicBase, CancellationToken cancellationToken)
    {
        var found = await CopyAsync(accountId, flowId, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error;
        }
        var field = invalidate ? "preview.invalidate(true)" : "preview.invalidate(false)";
        var answer = await graph.GetAsync(settings, $"{Uri.EscapeDataString(flowId)}?fields={field}", cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        var preview = answer.Value["preview"];
        return MetaGroupJson.Text(preview, "preview_url") is { Length: > 0 } url && ExpiresAt(MetaGroupJson.Text(preview, "expires_at")) is { } expires
            ? new FlowPreview(url, expires)
            : ErrorCatalog.ServiceTemporarilyUnavailable.With("Meta answered the preview without its URL or expiry.");
    }

    public Task<WhatsAppError?> PublishAsync(string accountId, string flowId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(accountId, flowId, "publish", FlowStatuses.Published, cancellationToken);

    public Task<WhatsAppError?> DeprecateAsync(string accountId, string flowId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(accountId, flowId, "deprecate", FlowStatuses.Deprecated, cancellationToken);

    public async Task<WhatsAppError?> DeleteAsync(string accountId, string flowId, CancellationToken cancellationToken)
    {
        var found = await CopyAsync(accountId, flowId, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error;
        }
        var answer = await graph.SendAsync(settings, HttpMethod.Delete, Uri.EscapeDataString(flowId), null, cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        await store.DeleteDraftAsync(flowId, cancellationToken);
        return null;
    }

    public async Task<Outcome<FlowMigration>> MigrateAsync(string destinationAccountId, string sourceAccountId, IReadOnlyList<string>? names, CancellationToken cancellationToken)
    {
        if (await MetaAccounts.SettingsAsync(accounts, sourceAccountId, cancellationToken) is not { WabaId: { } sourceWaba })
        {
            return ErrorCatalog.InvalidParameter.With($"Param source_waba_id: {sourceAccountId} is not a WhatsApp Business Account at Meta; flows migrate between Meta's accounts only.");
        }
        var body = new JsonObject { ["source_waba_id"] = sourceWaba };
        if (names is not null)
        {
            body["source_flow_names"] = new JsonArray([.. names.Select(n => (JsonNode)n)]);
        }
        var answer = await graph.PostJsonAsync(settings, $"{metaWabaId}/migrate_flows", body.ToJsonString(), cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        var migrated = new List<MigratedFlow>();
        foreach (var item in MetaGroupJson.Objects(answer.Value, "migrated_flows"))
        {
            if (MetaGroupJson.Text(item, "migrated_id") is { } migratedId)
            {
                migrated.Add(new MigratedFlow(MetaGroupJson.Text(item, "source_name") ?? "", MetaGroupJson.Text(item, "source_id") ?? "", migratedId));
                await GetAsync(destinationAccountId, migratedId, cancellationToken); // copies it; a failure leaves it to the next read
            }
        }
        var failed = MetaGroupJson.Objects(answer.Value, "failed_flows")
            .Select(f => new FailedFlowMigration(MetaGroupJson.Text(f, "source_name") ?? "", MetaGroupJson.Text(f, "error_code") ?? "", MetaGroupJson.Text(f, "error_message") ?? ""))
            .ToList();
        return new FlowMigration(migrated, failed);
    }

    /// <summary>Publishes or deprecates at Meta; the copy takes the new status at once, announced unless Meta's webhook came first.</summary>
    private async Task<WhatsAppError?> ChangeStatusAsync(string accountId, string flowId, string action, string status, CancellationToken cancellationToken)
    {
        var found = await CopyAsync(accountId, flowId, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error;
        }
        var answer = await graph.PostJsonAsync(settings, $"{Uri.EscapeDataString(flowId)}/{action}", "{}", cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        await mirror.SetStatusAsync(found.Value, status, null, cancellationToken);
        return null;
    }

    /// <summary>The account's copy of the flow, read from Meta (and copied) when Parley has none yet.</summary>
    private async Task<Outcome<Flow>> CopyAsync(string accountId, string flowId, CancellationToken cancellationToken)
    {
        var local = await store.GetAsync(flowId, cancellationToken);
        if (local is not null)
        {
            return local.AccountId == accountId ? local : ErrorCatalog.UnknownObject(flowId);
        }
        return await GetAsync(accountId, flowId, cancellationToken);
    }

    /// <summary>Meta's <c>expires_at</c>: ISO 8601 with a <c>+0000</c> offset, or Unix seconds (<c>date_format=U</c>).</summary>
    private static DateTimeOffset? ExpiresAt(string? text)
    {
        if (text is null)
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253_402_300_799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        if (text.Length > 5 && text[^5] is '+' or '-' && text[^4..].All(char.IsAsciiDigit))
        {
            text = text[..^2] + ":" + text[^2..]; // +0000 → +00:00
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }
}
