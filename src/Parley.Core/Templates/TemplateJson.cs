using System.Text.Json;

namespace Parley.Core.Templates;

/// <summary>Lenient reads of template JSON (<see cref="JsonElement"/>), shared by the rules, the send checks and the renderer.</summary>
internal static class TemplateJson
{
    public static string? String(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static JsonElement? Property(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null ? value : null;

    public static IReadOnlyList<JsonElement> Array(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().ToList() : [];

    public static bool IsArray(this JsonElement element, string name) => element.Property(name) is { ValueKind: JsonValueKind.Array };

    /// <summary>A component or button <c>type</c>, upper-cased (creation accepts either case; Meta's docs mix them).</summary>
    public static string Type(this JsonElement element, string name = "type") => element.String(name)?.ToUpperInvariant() ?? "";

    public static bool? Bool(this JsonElement element, string name) =>
        element.Property(name) is { } value && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public static long? Integer(this JsonElement element, string name) => element.Property(name) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var i) => i,
        { ValueKind: JsonValueKind.String } s when long.TryParse(s.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };

    /// <summary>Length in Unicode code points (an emoji is one character), as WhatsApp counts.</summary>
    public static int Length(string text) => text.EnumerateRunes().Count();
}
