using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Core.Templates;
using Parley.Storage;

namespace Parley.Server.Templates;

/// <summary>Templates as the Graph API returns them, with the fields a caller asked for (<c>?fields=</c>).</summary>
internal static class TemplateViews
{
    /// <summary>The fields returned without <c>fields</c> (digest §5.1, list example).</summary>
    public static readonly string[] DefaultFields = ["name", "parameter_format", "components", "language", "status", "category", "sub_category", "id"];

    /// <summary>
    /// Meta's per-template switch of URL button click tracking (template analytics): taken on create and update, answered
    /// when asked for (<c>fields=cta_url_link_tracking_opted_out</c>); kept in <see cref="TemplateAnalyticsSettings"/>.
    /// </summary>
    public const string ClickTrackingOptedOut = "cta_url_link_tracking_opted_out";

    private static readonly string[] KnownFields = [.. DefaultFields, "rejected_reason", ClickTrackingOptedOut];

    /// <summary>The requested fields, or the Graph error for a field templates do not have.</summary>
    public static (string[] Fields, WhatsAppError? Error) ParseFields(string? fields)
    {
        if (string.IsNullOrWhiteSpace(fields))
        {
            return (DefaultFields, null);
        }
        var requested = fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = requested.FirstOrDefault(f => !KnownFields.Contains(f));
        return unknown is null
            ? ([.. requested.Append("id").Distinct()], null)
            : ([], ErrorCatalog.InvalidParameter.With($"Tried accessing nonexisting field ({unknown}) on node type (WhatsAppBusinessHSM)"));
    }

    /// <summary>The template's fields; <paramref name="clickTrackingOptedOut"/> is its opt-out, answered when asked for.</summary>
    public static JsonObject Render(MessageTemplate template, IEnumerable<string> fields, bool clickTrackingOptedOut = false)
    {
        var json = new JsonObject();
        foreach (var field in fields)
        {
            switch (field)
            {
                case "name": json["name"] = template.Name; break;
                case "parameter_format": json["parameter_format"] = template.ParameterFormat; break;
                case "components": json["components"] = JsonNode.Parse(template.Components); break;
                case "language": json["language"] = template.Language; break;
                case "status": json["status"] = template.Status; break;
                case "category": json["category"] = template.Category; break;
                case "sub_category" when template.SubCategory is not null: json["sub_category"] = template.SubCategory; break;
                case "rejected_reason": json["rejected_reason"] = template.RejectedReason; break;
                case ClickTrackingOptedOut: json[ClickTrackingOptedOut] = clickTrackingOptedOut; break;
                case "id": json["id"] = template.Id; break;
            }
        }
        return json;
    }

    /// <summary>The template's click tracking opt-out when <paramref name="fields"/> asks for it (false otherwise: not read).</summary>
    public static async Task<bool> OptedOutAsync(MessageTemplate template, string[] fields, TemplateAnalyticsSettings analytics, CancellationToken cancellationToken) =>
        fields.Contains(ClickTrackingOptedOut) && await analytics.IsTemplateOptedOutAsync(template.AccountId, template.Id, cancellationToken);

    /// <summary>
    /// <c>cta_url_link_tracking_opted_out</c> of a create or update body: null when absent, the Graph error when it is not a boolean.
    /// </summary>
    public static (bool? OptedOut, WhatsAppError? Error) ReadOptedOut(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(ClickTrackingOptedOut, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.True => (true, null),
                JsonValueKind.False => (false, null),
                JsonValueKind.String when bool.TryParse(value.GetString(), out var on) => (on, null),
                _ => (null, ErrorCatalog.InvalidParameter.With($"Param {ClickTrackingOptedOut} must be a boolean.")),
            }
            : (null, null);

    public static ContentHttpResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(body.ToJsonString(), "application/json; charset=utf-8", statusCode: status);
}
