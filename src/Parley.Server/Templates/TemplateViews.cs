using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Core.Templates;

namespace Parley.Server.Templates;

/// <summary>Templates as the Graph API returns them, with the fields a caller asked for (<c>?fields=</c>).</summary>
internal static class TemplateViews
{
    /// <summary>The fields returned without <c>fields</c> (digest §5.1, list example).</summary>
    public static readonly string[] DefaultFields = ["name", "parameter_format", "components", "language", "status", "category", "sub_category", "id"];

    private static readonly string[] KnownFields = [.. DefaultFields, "rejected_reason"];

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

    public static JsonObject Render(MessageTemplate template, IEnumerable<string> fields)
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
                case "id": json["id"] = template.Id; break;
            }
        }
        return json;
    }

    public static ContentHttpResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(body.ToJsonString(), "application/json; charset=utf-8", statusCode: status);
}
