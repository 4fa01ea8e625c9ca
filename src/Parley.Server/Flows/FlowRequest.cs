using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;

namespace Parley.Server.Flows;

/// <summary>
/// The parameters of the Flows API's calls, as Graph takes them in JSON, form or multipart bodies (a form's
/// <c>categories</c> is a JSON-array string, which the Graph edge has already decoded into an array).
/// </summary>
internal static class FlowRequest
{
    /// <summary>A string parameter: null when absent; an error when it is there but not a string.</summary>
    public static Outcome<string?> String(JsonObject body, string name) => body[name] switch
    {
        null => Outcome<string?>.Success(null),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => ErrorCatalog.InvalidParameter.With($"Param {name} must be a string."),
    };

    /// <summary>A list of strings (<c>categories</c>, <c>source_flow_names</c>): null when absent; an error when it is not an array of strings.</summary>
    public static Outcome<IReadOnlyList<string>?> Strings(JsonObject body, string name)
    {
        if (body[name] is null)
        {
            return Outcome<IReadOnlyList<string>?>.Success(null);
        }
        if (body[name] is JsonArray array && array.All(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String))
        {
            return Outcome<IReadOnlyList<string>?>.Success([.. array.Select(item => item!.GetValue<string>())]);
        }
        return ErrorCatalog.InvalidParameter.With($"Param {name} must be a JSON array of strings, such as [\"OTHER\"].");
    }

    /// <summary><c>publish</c>: a boolean (a form's <c>true</c>/<c>false</c> is one already); false when absent.</summary>
    public static Outcome<bool> Boolean(JsonObject body, string name) => body[name] switch
    {
        null => false,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        _ => ErrorCatalog.InvalidParameter.With($"Param {name} must be a boolean."),
    };

    /// <summary>
    /// <c>flow_json</c>: the Flow JSON as the caller wrote it when it is a string (so validation errors point at its
    /// lines), or an object's JSON text, indented; null when absent.
    /// </summary>
    public static Outcome<string?> FlowJson(JsonObject body)
    {
        return body["flow_json"] switch
        {
            null => Outcome<string?>.Success(null),
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonObject json => json.ToJsonString(Indented),
            _ => ErrorCatalog.InvalidParameter.With("Param flow_json must be the Flow JSON, as a string or an object."),
        };
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
