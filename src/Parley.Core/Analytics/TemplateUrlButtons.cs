using System.Text.Json;

namespace Parley.Core.Analytics;

/// <summary>A template's URL buttons, the ones whose taps template analytics count as clicks.</summary>
public static class TemplateUrlButtons
{
    /// <summary>The URL buttons of a template's <c>components</c> (JSON) by their index among its buttons: text and URL.</summary>
    public static IReadOnlyDictionary<int, (string Text, string Url)> Of(string components)
    {
        var found = new Dictionary<int, (string, string)>();
        try
        {
            using var document = JsonDocument.Parse(components);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return found;
            }
            foreach (var component in document.RootElement.EnumerateArray())
            {
                if (component.ValueKind != JsonValueKind.Object || !IsText(component, "type", "BUTTONS")
                    || !component.TryGetProperty("buttons", out var buttons) || buttons.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }
                var index = 0;
                foreach (var button in buttons.EnumerateArray())
                {
                    if (button.ValueKind == JsonValueKind.Object && IsText(button, "type", "URL"))
                    {
                        found[index] = (Text(button, "text"), Text(button, "url"));
                    }
                    index++;
                }
            }
        }
        catch (JsonException)
        {
            // A template is stored valid; nothing to count otherwise.
        }
        return found;
    }

    private static bool IsText(JsonElement element, string name, string value) =>
        string.Equals(Text(element, name), value, StringComparison.OrdinalIgnoreCase);

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
