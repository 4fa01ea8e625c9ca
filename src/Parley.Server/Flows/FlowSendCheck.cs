using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Errors;
using Parley.Core.Flows;
using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Flows;

/// <summary>
/// The accept path's check of a message that opens a flow, whichever dialect sent it: an interactive <c>flow</c> message
/// (by <c>flow_id</c>, or from v24.0 <c>flow_name</c>; <c>mode</c> draft or published) and a template message whose
/// template has a FLOW button (always the published flow). The flow must be the sending account's and sendable
/// (<see cref="FlowRules.CheckSendable"/>). A THROTTLED flow's sends are counted here, in memory and per node, over a
/// sliding hour on the injected clock: only sends that passed every other check are counted. A <c>meta</c> channel's
/// flows live at Meta, which checks them itself. One read of the flow (and of the template); no upstream I/O.
/// </summary>
internal sealed class FlowSendCheck(IFlowStore flows, ITemplateStore templates, TimeProvider time) : ISendCheck
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _throttledSends = new(StringComparer.Ordinal);

    /// <summary>After every other check (a throttled flow counts only the sends WhatsApp would take).</summary>
    public int Order => 11;

    public async ValueTask<WhatsAppError?> CheckAsync(Channel channel, SendMessageRequest request, CancellationToken cancellationToken)
    {
        if (channel.Upstream != Channel.SandboxUpstream || await ReferenceAsync(channel, request, cancellationToken) is not { } reference)
        {
            return null;
        }
        var flow = reference.Id is not null
            ? await flows.GetAsync(reference.Id, cancellationToken)
            : await flows.FindByNameAsync(channel.AccountId, reference.Name!, cancellationToken);
        if (flow is not null && flow.AccountId != channel.AccountId)
        {
            flow = null; // another account's flow is, to this one, a flow that does not exist
        }
        var named = reference.Id ?? $"\"{reference.Name}\"";
        if (flow?.Status != FlowStatuses.Throttled)
        {
            return FlowRules.CheckSendable(flow, reference.Mode, named, 0);
        }
        var now = time.GetUtcNow();
        var sends = _throttledSends.GetOrAdd(flow.Id, static _ => new Queue<DateTimeOffset>());
        lock (sends)
        {
            while (sends.Count > 0 && sends.Peek() <= now - FlowRules.ThrottleWindow)
            {
                sends.Dequeue();
            }
            if (FlowRules.CheckSendable(flow, reference.Mode, named, sends.Count) is { } throttled)
            {
                return throttled;
            }
            sends.Enqueue(now);
            return null;
        }
    }

    /// <summary>The flow a message opens: its id or name, and the mode it is opened in; null for a message that opens none.</summary>
    private async ValueTask<FlowReference?> ReferenceAsync(Channel channel, SendMessageRequest request, CancellationToken cancellationToken)
    {
        if (request.Type == "interactive" && request.Payload["interactive"] is JsonObject interactive && Text(interactive["type"]) == "flow"
            && interactive["action"]?["parameters"] is JsonObject parameters)
        {
            return Reference(parameters, Text(parameters["mode"]) ?? "published");
        }
        if (request.Type == "template" && request.Payload["template"] is JsonObject template)
        {
            var stored = await templates.FindAsync(channel.AccountId, Text(template["name"]) ?? "", Text(template["language"]?["code"]) ?? "", cancellationToken);
            return stored is null || FlowButtonReferences.In(stored.Components) is not [var button, ..]
                ? null
                : new FlowReference(button.FlowId, button.FlowName, "published");
        }
        return null;
    }

    private static FlowReference? Reference(JsonObject holder, string mode) =>
        Text(holder["flow_id"]) is { Length: > 0 } id ? new FlowReference(id, null, mode)
        : Text(holder["flow_name"]) is { Length: > 0 } name ? new FlowReference(null, name, mode)
        : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private sealed record FlowReference(string? Id, string? Name, string Mode);
}
