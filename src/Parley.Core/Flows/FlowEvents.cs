using System.Text.Json.Nodes;

namespace Parley.Core.Flows;

/// <summary>
/// The canonical <c>flows</c> webhook events: each is the Cloud API change <c>value</c> of field <c>flows</c>
/// (Meta, "Flows webhooks"), which every format renders from.
/// </summary>
public static class FlowEvents
{
    public const string StatusChange = "FLOW_STATUS_CHANGE";

    /// <summary><c>FLOW_STATUS_CHANGE</c>: <c>{event, message, flow_id, old_status, new_status}</c>.</summary>
    public static string StatusChanged(Flow flow, string oldStatus, string newStatus) =>
        new JsonObject
        {
            ["event"] = StatusChange,
            ["message"] = $"Flow {flow.Name} changed status from {oldStatus} to {newStatus}",
            ["flow_id"] = flow.Id,
            ["old_status"] = oldStatus,
            ["new_status"] = newStatus,
        }.ToJsonString();
}
