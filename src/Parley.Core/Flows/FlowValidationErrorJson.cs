using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Core.Flows;

/// <summary>A flow's <c>validation_errors</c> as JSON in Meta's names: how stores keep them and the Graph API shows them.</summary>
public static class FlowValidationErrorJson
{
    public static JsonArray ToJson(IEnumerable<FlowValidationError> errors) =>
        [.. errors.Select(e => (JsonNode)new JsonObject
        {
            ["error"] = e.Error,
            ["error_type"] = e.ErrorType,
            ["message"] = e.Message,
            ["line_start"] = e.LineStart,
            ["line_end"] = e.LineEnd,
            ["column_start"] = e.ColumnStart,
            ["column_end"] = e.ColumnEnd,
        })];

    /// <summary>Reads what <see cref="ToJson"/> wrote (or Meta answered); items it cannot read are left out.</summary>
    public static IReadOnlyList<FlowValidationError> Parse(string json)
    {
        if (JsonNode.Parse(json) is not JsonArray array)
        {
            return [];
        }
        return [.. array.OfType<JsonObject>().Select(item => new FlowValidationError(
            Text(item, "error"), Text(item, "error_type"), Text(item, "message"),
            Number(item, "line_start"), Number(item, "line_end"), Number(item, "column_start"), Number(item, "column_end")))];
    }

    private static string Text(JsonObject item, string name) =>
        item[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";

    private static int Number(JsonObject item, string name) =>
        item[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : 0;
}
