using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Core.Flows;

/// <summary>A flow named by a template's FLOW button: by <c>flow_id</c> or by <c>flow_name</c> (one of them is set).</summary>
public sealed record FlowButtonReference(string? FlowId, string? FlowName)
{
    /// <summary>How errors name the flow: its id, or its name in quotes.</summary>
    public string Display => FlowId ?? $"\"{FlowName}\"";
}

/// <summary>The flows a template's components name in FLOW buttons (a button with inline <c>flow_json</c> names none).</summary>
public static class FlowButtonReferences
{
    public static IReadOnlyList<FlowButtonReference> In(string components)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(components);
        }
        catch (JsonException)
        {
            return [];
        }
        return [.. (root as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(c => Is(c["type"], "BUTTONS") && c["buttons"] is JsonArray)
            .SelectMany(c => c["buttons"]!.AsArray().OfType<JsonObject>())
            .Where(b => Is(b["type"], "FLOW"))
            .Select(b => Text(b["flow_id"]) is { } id ? new FlowButtonReference(id, null)
                : Text(b["flow_name"]) is { } name ? new FlowButtonReference(null, name) : null)
            .OfType<FlowButtonReference>()];
    }

    private static bool Is(JsonNode? node, string value) => string.Equals(Text(node), value, StringComparison.OrdinalIgnoreCase);

    /// <summary>A string, or a number written as one (a <c>flow_id</c> may be sent either way).</summary>
    private static string? Text(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String when value.GetValue<string>() is { Length: > 0 } text => text,
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;
}
