using System.Text.Json;
using Parley.Core.Errors;

namespace Parley.Core.Templates;

/// <summary>A media header's sample: the handle of <c>example.header_handle</c> and the header's format.</summary>
public sealed record TemplateHeaderHandle(string Format, string Handle);

/// <summary>
/// The sample handles of a template's media headers (IMAGE, VIDEO, DOCUMENT), in the template's own components and
/// in its carousel cards'. Meta takes only handles from the Resumable Upload API of the business's app here.
/// </summary>
public static class TemplateHeaderHandles
{
    private static readonly HashSet<string> MediaFormats = new(StringComparer.Ordinal) { "IMAGE", "VIDEO", "DOCUMENT" };

    /// <summary>Every media header sample in <paramref name="componentsJson"/> (the stored <c>components</c> array).</summary>
    public static IReadOnlyList<TemplateHeaderHandle> In(string componentsJson)
    {
        using var document = JsonDocument.Parse(componentsJson);
        var found = new List<TemplateHeaderHandle>();
        Collect(document.RootElement, found);
        return found;
    }

    /// <summary>
    /// A sample that is no handle of this business, or of a file that does not fit the header: code 100, subcode
    /// 2388273, as Meta answers a URL or an unknown handle in <c>header_handle</c>.
    /// </summary>
    public static WhatsAppError InvalidSample(string format) => ErrorCatalog.InvalidParameter.With(
        $"Templates with {format} header type need an example/sample, but it was not provided: example.header_handle must be a file handle " +
        "of this business from the Resumable Upload API, of a file that fits the header.", ErrorCatalog.TemplateHeaderSampleSubcode);

    private static void Collect(JsonElement components, List<TemplateHeaderHandle> found)
    {
        if (components.ValueKind != JsonValueKind.Array)
        {
            return;
        }
        foreach (var component in components.EnumerateArray())
        {
            if (component.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            var type = Upper(component, "type");
            if (type == "HEADER" && Upper(component, "format") is { } format && MediaFormats.Contains(format)
                && component.TryGetProperty("example", out var example) && example.ValueKind == JsonValueKind.Object
                && example.TryGetProperty("header_handle", out var handles) && handles.ValueKind == JsonValueKind.Array)
            {
                found.AddRange(handles.EnumerateArray().Where(h => h.ValueKind == JsonValueKind.String)
                    .Select(h => new TemplateHeaderHandle(format, h.GetString()!)));
            }
            if (type == "CAROUSEL" && component.TryGetProperty("cards", out var cards) && cards.ValueKind == JsonValueKind.Array)
            {
                foreach (var card in cards.EnumerateArray())
                {
                    if (card.ValueKind == JsonValueKind.Object && card.TryGetProperty("components", out var cardComponents))
                    {
                        Collect(cardComponents, found);
                    }
                }
            }
        }
    }

    private static string? Upper(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.ToUpperInvariant() : null;
}
