using System.Text.Json;

namespace Parley.Core.Flows;

/// <summary>What a flow's metadata takes from its Flow JSON: <c>version</c> (the flow's <c>json_version</c>) and <c>data_api_version</c>.</summary>
public static class FlowJsonFacts
{
    public static (string? JsonVersion, string? DataApiVersion) Read(string? flowJson)
    {
        if (flowJson is null)
        {
            return (null, null);
        }
        try
        {
            using var document = JsonDocument.Parse(flowJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (Text(document.RootElement, "version"), Text(document.RootElement, "data_api_version"))
                : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
