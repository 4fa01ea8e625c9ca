using System.Text.Json.Nodes;
using Parley.Core.Flows;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>
/// Parley's copy of the flows of a WABA at Meta (<see cref="IFlowStore"/>, under Meta's flow ids), which the send checks
/// read. What Meta answers is copied field by field (a field Meta leaves out keeps the copy's value). A change of status
/// is announced to the account's subscriptions once (a <c>flows</c> webhook, <c>FLOW_STATUS_CHANGE</c>), by whichever
/// tells Parley first: Meta's answer, a read of the flow, or Meta's own <c>flows</c> webhook (<see cref="MetaFlowSync"/>),
/// which finds the copy at the new status already and passes.
/// </summary>
internal sealed partial class MetaFlowMirror(IFlowStore store, WebhookSignal webhooks, TimeProvider time, ILogger<MetaFlowMirror> logger)
{
    /// <summary>The fields of a flow Parley asks Meta for (Meta answers only the fields asked for).</summary>
    public const string Fields = "id,name,categories,status,validation_errors,json_version,data_api_version,endpoint_uri";

    /// <summary>How often an update that lost a race with another writer is read and tried again.</summary>
    private const int Attempts = 3;

    /// <summary>
    /// Copies Meta's flow object into the account's copy: a new copy when there is none (no webhook: a new flow has no
    /// status change), else the changed fields. <paramref name="flowJson"/> is the Flow JSON when Parley knows it (Meta's
    /// flow object does not carry it). Null when <paramref name="item"/> is not a flow.
    /// </summary>
    public async Task<Flow?> MirrorAsync(string accountId, JsonObject item, string? flowJson, CancellationToken cancellationToken)
    {
        if (MetaGroupJson.Text(item, "id") is not { Length: > 0 } id)
        {
            return null;
        }
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var local = await store.GetAsync(id, cancellationToken);
            if (local is null)
            {
                if (await CreateAsync(accountId, id, item, flowJson, cancellationToken) is { } created)
                {
                    return created;
                }
                continue;
            }
            var updated = Merge(local, item, flowJson);
            if (await UpdateAsync(local, updated, cancellationToken))
            {
                return updated;
            }
        }
        return await store.GetAsync(id, cancellationToken);
    }

    /// <summary>Applies <paramref name="change"/> to the copy (read again when another writer was first); the copy as it ends.</summary>
    public async Task<Flow> EditAsync(Flow current, Func<Flow, Flow> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var updated = change(current);
            if (await UpdateAsync(current, updated, cancellationToken))
            {
                return updated;
            }
            if (await store.GetAsync(current.Id, cancellationToken) is not { } fresh)
            {
                return updated;
            }
            current = fresh;
        }
        return current;
    }

    /// <summary>
    /// Sets the copy's status; when it changes, <paramref name="payload"/> (Meta's <c>flows</c> webhook value, or Parley's
    /// <c>FLOW_STATUS_CHANGE</c> when null) reaches the account's subscriptions in the same transaction.
    /// </summary>
    public async Task<Flow> SetStatusAsync(Flow current, string status, string? payload, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var updated = current with { Status = status };
            if (updated.Status == current.Status)
            {
                return current; // announced already (Meta's redelivery, or Parley saw the change first)
            }
            var events = new[] { payload ?? FlowEvents.StatusChanged(current, current.Status, updated.Status) };
            var now = time.GetUtcNow();
            if (await store.UpdateAsync(current, updated with { UpdatedAt = Later(now, current.UpdatedAt) }, events, now, cancellationToken))
            {
                webhooks.Notify();
                return updated;
            }
            if (await store.GetAsync(current.Id, cancellationToken) is not { } fresh)
            {
                return updated;
            }
            current = fresh;
        }
        return current;
    }

    /// <summary>Stores a first copy; null when a stale draft copy of the same name was in the way (removed: try again).</summary>
    private async Task<Flow?> CreateAsync(string accountId, string id, JsonObject item, string? flowJson, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var flow = Merge(new Flow(id, accountId, id, [], FlowStatuses.Draft, null, [], null, null, null, null, null, now, now), item, flowJson);
        if (await store.CreateAsync(flow, cancellationToken) == FlowCreateOutcome.Created)
        {
            return flow;
        }
        // A copy of that name Meta no longer has (deleted at Meta directly) gives way to Meta's flow.
        if (await store.FindByNameAsync(accountId, flow.Name, cancellationToken) is { } stale && stale.Id != id
            && stale.Status == FlowStatuses.Draft && await store.DeleteDraftAsync(stale.Id, cancellationToken))
        {
            return null;
        }
        Log.NotCopied(logger, id);
        return flow;
    }

    /// <summary>Writes <paramref name="updated"/> over <paramref name="current"/>, announcing a change of status; true when written or nothing changed.</summary>
    private async Task<bool> UpdateAsync(Flow current, Flow updated, CancellationToken cancellationToken)
    {
        if (Same(current, updated))
        {
            return true;
        }
        var now = time.GetUtcNow();
        string[] events = updated.Status == current.Status ? [] : [FlowEvents.StatusChanged(current, current.Status, updated.Status)];
        if (!await store.UpdateAsync(current, updated with { UpdatedAt = Later(now, current.UpdatedAt) }, events, now, cancellationToken))
        {
            return false;
        }
        if (events.Length > 0)
        {
            webhooks.Notify();
        }
        return true;
    }

    /// <summary>The copy with what Meta's flow object says; a field Meta left out keeps the copy's value.</summary>
    private static Flow Merge(Flow local, JsonObject item, string? flowJson)
    {
        var flow = local with
        {
            Name = MetaGroupJson.Text(item, "name") ?? local.Name,
            Categories = item["categories"] is JsonArray categories
                ? [.. categories.OfType<JsonValue>().Select(c => c.ToString())]
                : local.Categories,
            Status = MetaGroupJson.Text(item, "status") is { } status && FlowStatuses.All.Contains(status) ? status : local.Status,
            ValidationErrors = item["validation_errors"] is JsonArray errors ? FlowValidationErrorJson.Parse(errors.ToJsonString()) : local.ValidationErrors,
            JsonVersion = item.ContainsKey("json_version") ? MetaGroupJson.Text(item, "json_version") : local.JsonVersion,
            DataApiVersion = item.ContainsKey("data_api_version") ? MetaGroupJson.Text(item, "data_api_version") : local.DataApiVersion,
            EndpointUri = item.ContainsKey("endpoint_uri") ? MetaGroupJson.Text(item, "endpoint_uri")
                : item.ContainsKey("data_channel_uri") ? MetaGroupJson.Text(item, "data_channel_uri") : local.EndpointUri,
        };
        return flowJson is null ? flow : WithJson(flow, flowJson);
    }

    /// <summary>The copy with Flow JSON Parley sent to Meta, and the versions it declares.</summary>
    public static Flow WithJson(Flow flow, string flowJson)
    {
        var (jsonVersion, dataApiVersion) = FlowJsonFacts.Read(flowJson);
        return flow with { FlowJson = flowJson, JsonVersion = jsonVersion ?? flow.JsonVersion, DataApiVersion = dataApiVersion ?? flow.DataApiVersion };
    }

    private static bool Same(Flow a, Flow b) =>
        a.Name == b.Name && a.Status == b.Status && a.Categories.SequenceEqual(b.Categories) && a.ValidationErrors.SequenceEqual(b.ValidationErrors)
        && a.JsonVersion == b.JsonVersion && a.DataApiVersion == b.DataApiVersion && a.EndpointUri == b.EndpointUri && a.FlowJson == b.FlowJson;

    /// <summary>An update time after <paramref name="previous"/> (the store's optimistic check compares it).</summary>
    private static DateTimeOffset Later(DateTimeOffset now, DateTimeOffset previous) => now > previous ? now : previous.AddMilliseconds(1);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Meta flow {FlowId} could not be copied: the account has another flow of its name that is not a draft")]
        public static partial void NotCopied(ILogger logger, string flowId);
    }
}
