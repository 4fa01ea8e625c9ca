using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Flows;
using Parley.Core.Model;
using Parley.Server.BusinessPhones;

namespace Parley.Server.Flows;

/// <summary>The fields a Graph call asks of a flow: their names, and whether <c>preview.invalidate(true)</c> asks for a new preview URL.</summary>
internal sealed record FlowFields(IReadOnlyList<string> Names, bool InvalidatePreview);

/// <summary>
/// A flow as the Graph API shows it (Meta, Flows API "Get flow"): the fields asked for, by default <c>id, name,
/// status, categories, validation_errors</c>; <c>preview</c> made on demand, <c>health_status</c> from the flow's
/// status, the account and the app (Parley, the one app of its accounts).
/// </summary>
internal static class FlowViews
{
    /// <summary>Graph's name of the node, in its "nonexisting field" error.</summary>
    private const string NodeType = "Flow";

    private const string Preview = "preview";

    public static readonly IReadOnlyList<string> DefaultFields = ["id", "name", "status", "categories", "validation_errors"];

    private static readonly string[] Known =
    [
        "id", "name", "status", "categories", "validation_errors", "json_version", "data_api_version", "endpoint_uri", "data_channel_uri",
        Preview, "health_status", "whatsapp_business_account", "application", "updated_at",
    ];

    /// <summary>
    /// <c>fields=</c> as Graph reads it for a flow: known names, and <c>preview</c> with an optional
    /// <c>.invalidate(true|false)</c>; the defaults when none is given.
    /// </summary>
    public static Outcome<FlowFields> ParseFields(string? fields)
    {
        if (string.IsNullOrWhiteSpace(fields))
        {
            return new FlowFields(DefaultFields, false);
        }
        var names = new List<string>();
        var invalidate = false;
        foreach (var raw in fields.Split(','))
        {
            var name = raw.Trim();
            if (name.StartsWith(Preview + ".", StringComparison.Ordinal))
            {
                switch (name[(Preview.Length + 1)..])
                {
                    case "invalidate(true)":
                        invalidate = true;
                        break;
                    case "invalidate(false)":
                        break;
                    default:
                        return ErrorCatalog.InvalidParameter.With($"Syntax error in field {name}: preview takes .invalidate(true) or .invalidate(false).");
                }
                name = Preview;
            }
            if (name.Length == 0 || names.Contains(name))
            {
                continue;
            }
            if (!Known.Contains(name))
            {
                return ErrorCatalog.InvalidParameter.With($"Tried accessing nonexisting field ({name}) on node type ({NodeType})");
            }
            names.Add(name);
        }
        return new FlowFields(names, invalidate);
    }

    /// <summary>The flow with <c>id</c> and the fields asked for; <paramref name="preview"/> is given when <c>preview</c> was asked for.</summary>
    public static JsonObject Render(Flow flow, IReadOnlyList<string> fields, BusinessAccount account, FlowPreview? preview)
    {
        var json = new JsonObject { ["id"] = flow.Id };
        foreach (var field in fields)
        {
            json[field] = field switch
            {
                "name" => flow.Name,
                "status" => flow.Status,
                "categories" => new JsonArray([.. flow.Categories.Select(c => (JsonNode)c)]),
                "validation_errors" => FlowValidationErrorJson.ToJson(flow.ValidationErrors),
                "json_version" => flow.JsonVersion,
                "data_api_version" => flow.DataApiVersion,
                "endpoint_uri" or "data_channel_uri" => flow.EndpointUri,
                Preview when preview is not null => new JsonObject { ["preview_url"] = preview.Url, ["expires_at"] = GraphTime(preview.ExpiresAt) },
                "health_status" => HealthStatus(flow),
                "whatsapp_business_account" => new JsonObject
                {
                    ["id"] = account.Id, ["name"] = account.Name, ["currency"] = "USD",
                },
                "application" => new JsonObject
                {
                    ["id"] = SubscribedAppsApi.AppId, ["name"] = SubscribedAppsApi.AppName,
                    ["link"] = $"https://www.facebook.com/games/?app_id={SubscribedAppsApi.AppId}",
                },
                "updated_at" => GraphTime(flow.UpdatedAt),
                _ => json[field]?.DeepClone(),
            };
            if (json[field] is null)
            {
                json.Remove(field); // Graph leaves out a field the flow has no value of
            }
        }
        return json;
    }

    /// <summary>
    /// Whether messages with the flow can be sent, per entity (Meta, "Flow health"): the FLOW from its status
    /// (THROTTLED is LIMITED; BLOCKED and DEPRECATED are BLOCKED), the WABA available; the flow's is the worst of them.
    /// </summary>
    internal static JsonObject HealthStatus(Flow flow)
    {
        var own = flow.Status switch
        {
            FlowStatuses.Throttled => "LIMITED",
            FlowStatuses.Blocked or FlowStatuses.Deprecated => "BLOCKED",
            _ => "AVAILABLE",
        };
        var entity = new JsonObject { ["entity_type"] = "FLOW", ["id"] = flow.Id, ["can_send_message"] = own };
        if (own != "AVAILABLE")
        {
            entity["errors"] = new JsonArray(new JsonObject
            {
                ["error_code"] = own == "LIMITED" ? ErrorCatalog.FlowThrottled.Code : ErrorCatalog.FlowBlocked.Code,
                ["error_description"] = $"The flow is {flow.Status}.",
                ["possible_solution"] = flow.Status == FlowStatuses.Deprecated
                    ? "A deprecated flow can't be sent again: clone it into a new flow."
                    : "Check the health of the flow's endpoint; WhatsApp lifts the limit once it is healthy again.",
            });
        }
        return new JsonObject
        {
            ["can_send_message"] = own,
            ["entities"] = new JsonArray(entity, new JsonObject { ["entity_type"] = "WABA", ["id"] = flow.AccountId, ["can_send_message"] = "AVAILABLE" }),
        };
    }

    /// <summary>Graph's time format, <c>2023-05-21T11:18:09+0000</c>.</summary>
    private static string GraphTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", System.Globalization.CultureInfo.InvariantCulture);
}
