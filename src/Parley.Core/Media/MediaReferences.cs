using System.Text.Json.Nodes;

namespace Parley.Core.Media;

/// <summary>One media object a message uses: by uploaded <see cref="Id"/> or by <see cref="Link"/>.</summary>
/// <param name="Kind">The kind the message sends it as (the media object's type).</param>
/// <param name="Path">Where it sits, in Meta's notation: <c>image['id']</c>, <c>interactive['header']['image']['id']</c>.</param>
public sealed record MediaReference(MediaKind Kind, string? Id, string? Link, string Path);

/// <summary>
/// Finds the media objects of a validated Cloud API message: the media message itself (image, video, audio, document,
/// sticker), an interactive message's media header and media carousel card headers, and template header parameters
/// and those of template carousel cards (S MediaObject_1,
/// HeaderObject, template parameter objects; cloud-api-digest §1.4–1.6).
/// </summary>
public static class MediaReferences
{
    /// <summary>Whether a message of <paramref name="type"/> can name media at all (media types, interactive, template): the others need no look.</summary>
    public static bool CanName(string type) => MediaKinds.FromTypeName(type) is not null || type is "interactive" or "template";

    public static IReadOnlyList<MediaReference> Of(string type, JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var found = new List<MediaReference>();
        if (MediaKinds.FromTypeName(type) is { } kind)
        {
            Add(found, kind, payload[type], type);
        }
        else if (type == "interactive" && payload["interactive"] is JsonObject interactive)
        {
            if (interactive["header"] is JsonObject header)
            {
                AddTyped(found, header, "interactive['header']");
            }
            // Media carousel: every card has a media header (M:messages/interactive-media-carousel-messages).
            if (interactive["action"]?["cards"] is JsonArray cards)
            {
                for (var k = 0; k < cards.Count; k++)
                {
                    if (cards[k]?["header"] is JsonObject cardHeader)
                    {
                        AddTyped(found, cardHeader, $"interactive['action']['cards'][{k}]['header']");
                    }
                }
            }
        }
        else if (type == "template" && payload["template"]?["components"] is JsonArray components)
        {
            AddComponents(found, components, "template['components']");
        }
        return found;
    }

    /// <summary>Template components' media parameters, and those of the components of carousel cards.</summary>
    private static void AddComponents(List<MediaReference> found, JsonArray components, string path)
    {
        for (var c = 0; c < components.Count; c++)
        {
            if (components[c]?["parameters"] is JsonArray parameters)
            {
                for (var p = 0; p < parameters.Count; p++)
                {
                    if (parameters[p] is JsonObject parameter)
                    {
                        AddTyped(found, parameter, $"{path}[{c}]['parameters'][{p}]");
                    }
                }
            }
            if (components[c]?["cards"] is JsonArray cards)
            {
                for (var k = 0; k < cards.Count; k++)
                {
                    if (cards[k]?["components"] is JsonArray cardComponents)
                    {
                        AddComponents(found, cardComponents, $"{path}[{c}]['cards'][{k}]['components']");
                    }
                }
            }
        }
    }

    /// <summary>An object with <c>type</c> naming a media kind and the media object under that name.</summary>
    private static void AddTyped(List<MediaReference> found, JsonObject holder, string path)
    {
        var typeName = holder["type"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (MediaKinds.FromTypeName(typeName) is { } kind)
        {
            Add(found, kind, holder[typeName!], $"{path}['{typeName}']");
        }
    }

    private static void Add(List<MediaReference> found, MediaKind kind, JsonNode? media, string path)
    {
        if (media is not JsonObject obj)
        {
            return;
        }
        var id = Text(obj["id"]);
        var link = Text(obj["link"]);
        if (id is not null || link is not null)
        {
            found.Add(new MediaReference(kind, id, link, id is not null ? $"{path}['id']" : $"{path}['link']"));
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
