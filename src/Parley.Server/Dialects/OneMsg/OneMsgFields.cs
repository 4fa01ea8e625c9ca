using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// Reads 1msg request fields whatever the encoding: a JSON body keeps its types, a form body gives strings (and JSON for
/// values that look like objects or arrays). Numbers are read as their text, so <c>phone</c> may be a number or a string.
/// </summary>
internal static class OneMsgFields
{
    /// <summary>The field as text: a string, or a number's digits; null when absent, null, or of another kind.</summary>
    public static string? Text(JsonObject body, string name) => body[name] switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };

    /// <summary>True when the field is present and not JSON null.</summary>
    public static bool Has(JsonObject body, string name) => body[name] is not null;

    /// <summary>The field as an object, or a form value holding a JSON object; null otherwise.</summary>
    public static JsonObject? Object(JsonObject body, string name) => body[name] as JsonObject;

    public static JsonArray? Array(JsonObject body, string name) => body[name] as JsonArray;

    /// <summary>A boolean given as JSON <c>true</c>/<c>false</c>, as the text <c>true</c>/<c>false</c>/<c>1</c>/<c>0</c>; null when absent.</summary>
    public static bool? Boolean(JsonObject body, string name) => body[name] switch
    {
        JsonValue value when value.GetValueKind() is JsonValueKind.True => true,
        JsonValue value when value.GetValueKind() is JsonValueKind.False => false,
        JsonValue value when value.GetValueKind() is JsonValueKind.String => value.GetValue<string>().Trim().ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" or "" => false,
            _ => null,
        },
        JsonValue value when value.GetValueKind() is JsonValueKind.Number && value.TryGetValue<int>(out var n) => n != 0,
        _ => null,
    };

    /// <summary>A coordinate given as a JSON number or as text (<c>"45.018337"</c>).</summary>
    public static double? Number(JsonObject body, string name) =>
        Text(body, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;

    /// <summary>A deep copy of a node (a node belongs to one parent).</summary>
    public static JsonNode? Copy(JsonNode? node) => node?.DeepClone();
}
