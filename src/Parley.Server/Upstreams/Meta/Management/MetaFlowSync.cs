using System.Text.Json;
using Parley.Core.Flows;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>
/// Meta's <c>flows</c> webhooks (Meta, "Flows webhooks"): a <c>FLOW_STATUS_CHANGE</c> moves the copy of the flow
/// (<see cref="MetaFlowMirror"/>) to its new status and, in the same transaction, reaches the account's subscriptions
/// with Meta's value as it is; one Parley announced already (the copy is at that status) passes. Endpoint alerts
/// (<c>ENDPOINT_ERROR_RATE</c>, <c>CLIENT_ERROR_RATE</c>, …) and other events reach the subscriptions unchanged. The
/// account is the one of the copy, or, for a flow Parley has no copy of yet, every account whose signing meta channel
/// names the entry's WABA.
/// </summary>
internal sealed partial class MetaFlowSync(IFlowStore store, MetaFlowMirror mirror, WebhookSignal webhooks, TimeProvider time, ILogger<MetaFlowSync> logger)
{
    public const string Field = "flows";

    public async Task ApplyAsync(JsonElement root, IReadOnlyList<MetaChannel> signers, CancellationToken cancellationToken)
    {
        var added = false;
        foreach (var (wabaId, value) in Values(root))
        {
            var flowId = value.TryGetProperty("flow_id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number ? id.ToString() : null;
            var copy = flowId is null ? null : await store.GetAsync(flowId, cancellationToken);
            if (copy is not null && !signers.Any(s => s.Channel.AccountId == copy.AccountId))
            {
                Log.UnknownFlow(logger, flowId!);
                continue;
            }
            if (copy is not null)
            {
                if (MetaWebhookPayload.Text(value, "event") == FlowEvents.StatusChange)
                {
                    if (MetaWebhookPayload.Text(value, "new_status") is { } status && FlowStatuses.All.Contains(status))
                    {
                        await mirror.SetStatusAsync(copy, status, value.GetRawText(), cancellationToken);
                    }
                    continue;
                }
                await store.AddEventAsync(copy.AccountId, value.GetRawText(), time.GetUtcNow(), cancellationToken);
                added = true;
                continue;
            }
            var accounts = signers.Where(s => wabaId is not null && s.Settings.WabaId == wabaId).Select(s => s.Channel.AccountId).Distinct(StringComparer.Ordinal).ToList();
            if (accounts.Count == 0)
            {
                Log.UnknownFlow(logger, flowId ?? "(none)");
                continue;
            }
            foreach (var account in accounts)
            {
                // No copy yet (the flow was made at Meta directly): the next read of the flows copies it.
                await store.AddEventAsync(account, value.GetRawText(), time.GetUtcNow(), cancellationToken);
                added = true;
            }
        }
        if (added)
        {
            webhooks.Notify();
        }
    }

    /// <summary>The <c>flows</c> change values of the envelope, each with its entry's id (the WABA).</summary>
    private static IEnumerable<(string? WabaId, JsonElement Value)> Values(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            var wabaId = entry.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number ? id.ToString() : null;
            if (!entry.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var change in changes.EnumerateArray())
            {
                if (MetaWebhookPayload.Text(change, "field") == Field && change.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object)
                {
                    yield return (wabaId, value);
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Meta flows webhook for flow {FlowId}, which no signing meta channel's account has; ignored")]
        public static partial void UnknownFlow(ILogger logger, string flowId);
    }
}
