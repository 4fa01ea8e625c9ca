using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Server.Dialects.Bird;

/// <summary>
/// Maps a Channels <c>body</c> to the WhatsApp (Cloud API) messages it stands for, following the type table of the
/// Channels WhatsApp page (seed 001; dialects digest B.4): text → text, or interactive buttons / CTA URL / location
/// request when it has actions; image → image(s); file → document, video or audio; location → location; list →
/// interactive list; carousel → interactive carousel. Several images or files become several messages. Each result
/// is <c>{type, &lt;type&gt;: {…}}</c>; WhatsApp's own rules (lengths, counts) are checked afterwards by the Cloud API
/// validator on the canonical messages.
/// </summary>
internal static class BirdBodyMapper
{
    /// <summary>The list-opening button when <c>metadata.button.label</c> is not set (Bird states no default).</summary>
    public const string DefaultListButtonLabel = "Options";

    private static readonly string[] BodyTypes = ["text", "image", "file", "location", "list", "carousel"];
    private static readonly string[] UnsupportedTypes = ["html", "gif", "section", "authentication", "template", "action"];

    public static List<JsonObject> Map(BirdFields fields, JsonElement body)
    {
        var type = fields.String(body, "body", "type", required: true);
        if (type is null)
        {
            return [];
        }
        if (!BodyTypes.Contains(type, StringComparer.Ordinal))
        {
            fields.Add("body.type", UnsupportedTypes.Contains(type, StringComparer.Ordinal)
                ? $"{type} bodies are not supported on WhatsApp"
                : $"must be one of {string.Join(", ", BodyTypes)}");
            return [];
        }
        fields.AllowOnly(body, "body", "type", type);
        var path = "body." + type;
        if (fields.Object(body, "body", type, required: true) is not { } content)
        {
            return [];
        }
        return type switch
        {
            "text" => [Text(fields, content, path)],
            "image" => Images(fields, content, path),
            "file" => Files(fields, content, path),
            "location" => [Location(fields, content, path)],
            "list" => [List(fields, content, path)],
            _ => [Carousel(fields, content, path)],
        };
    }

    private static JsonObject Text(BirdFields fields, JsonElement text, string path)
    {
        fields.AllowOnly(text, path, "text", "actions", "metadata", "attachments");
        var body = fields.String(text, path, "text", required: true) ?? "";
        if (fields.Array(text, path, "attachments", required: false).Count > 0)
        {
            fields.Add(path + ".attachments", "attachments are not supported on WhatsApp; send an image or file body");
        }
        var actions = BirdAction.Read(fields, text, path);
        if (actions.Count == 0)
        {
            var message = new JsonObject { ["body"] = body };
            if (text.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty("whatsapp", out var whatsapp) && BirdFields.Bool(whatsapp, "previewUrl"))
            {
                message["preview_url"] = true;
            }
            return Message("text", message);
        }
        return Interactive(fields, path, actions, header: null, body);
    }

    /// <summary>An interactive message carrying the actions, or a detail when they do not fit one.</summary>
    private static JsonObject Interactive(BirdFields fields, string path, IReadOnlyList<BirdAction> actions, JsonObject? header, string body)
    {
        if (BirdAction.ToInteractive(actions) is not { } mapped)
        {
            fields.Add(path + ".actions", "WhatsApp takes reply and postback actions (up to 3), or one link action, or one locationRequest action");
            return Message("text", new JsonObject { ["body"] = body });
        }
        var (type, action) = mapped;
        if (header is not null && type == "location_request_message")
        {
            fields.Add(path + ".actions", "a locationRequest action cannot be sent with media on WhatsApp");
        }
        var interactive = new JsonObject { ["type"] = type };
        if (header is not null && type != "location_request_message")
        {
            interactive["header"] = header;
        }
        interactive["body"] = new JsonObject { ["text"] = body };
        interactive["action"] = action;
        return Message("interactive", interactive);
    }

    private static List<JsonObject> Images(BirdFields fields, JsonElement image, string path)
    {
        fields.AllowOnly(image, path, "images", "text", "actions", "metadata");
        var text = fields.String(image, path, "text", required: false);
        var actions = BirdAction.Read(fields, image, path);
        var media = new List<Media>();
        var items = fields.Array(image, path, "images", required: true);
        for (var i = 0; i < items.Count; i++)
        {
            var at = BirdFields.Index(path + ".images", i);
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                fields.Add(at, "must be an object");
                continue;
            }
            fields.AllowOnly(items[i], at, "mediaUrl", "altText");
            var url = fields.String(items[i], at, "mediaUrl", required: true);
            media.Add(new Media("image", url ?? "", null, fields.String(items[i], at, "altText", required: false)));
        }
        return MediaMessages(fields, path, media, text, actions);
    }

    private static List<JsonObject> Files(BirdFields fields, JsonElement file, string path)
    {
        fields.AllowOnly(file, path, "files", "text", "actions", "metadata");
        var text = fields.String(file, path, "text", required: false);
        var actions = BirdAction.Read(fields, file, path);
        var media = new List<Media>();
        var items = fields.Array(file, path, "files", required: true);
        for (var i = 0; i < items.Count; i++)
        {
            var at = BirdFields.Index(path + ".files", i);
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                fields.Add(at, "must be an object");
                continue;
            }
            fields.AllowOnly(items[i], at, "mediaUrl", "contentType", "filename", "altText", "metadata");
            var url = fields.String(items[i], at, "mediaUrl", required: true);
            var contentType = fields.String(items[i], at, "contentType", required: true) ?? "";
            var kind = FileKind(contentType);
            var filename = fields.String(items[i], at, "filename", required: false);
            media.Add(new Media(kind, url ?? "", kind == "document" ? filename : null, fields.String(items[i], at, "altText", required: false)));
        }
        return MediaMessages(fields, path, media, text, actions);
    }

    /// <summary>WhatsApp's media type for a file's content type: audio, document and video all map to <c>file</c> (seed 001 table).</summary>
    public static string FileKind(string contentType)
    {
        var type = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return type.StartsWith("video/", StringComparison.Ordinal) ? "video"
            : type.StartsWith("audio/", StringComparison.Ordinal) ? "audio"
            : "document";
    }

    /// <param name="Kind">WhatsApp media type: image, video, audio or document.</param>
    /// <param name="Label">The Channels <c>altText</c>: a caption under this medium.</param>
    private sealed record Media(string Kind, string Url, string? Filename, string? Label)
    {
        public bool TakesCaption => Kind != "audio";

        public JsonObject Object(string? caption)
        {
            var media = new JsonObject { ["link"] = Url };
            if (caption is not null && TakesCaption)
            {
                media["caption"] = caption;
            }
            if (Filename is not null)
            {
                media["filename"] = Filename;
            }
            return media;
        }
    }

    /// <summary>
    /// One message per medium, in order. A single medium takes <c>text</c> as its caption; several take their labels,
    /// and the text goes first as a text message of its own. With actions, the last medium becomes the header of an
    /// interactive message whose body is the text (or the last label) and whose buttons are the actions.
    /// </summary>
    private static List<JsonObject> MediaMessages(BirdFields fields, string path, List<Media> media, string? text, List<BirdAction> actions)
    {
        if (media.Count == 0)
        {
            return [];
        }
        var messages = new List<JsonObject>();
        if (actions.Count > 0)
        {
            var last = media[^1];
            foreach (var item in media.Take(media.Count - 1))
            {
                messages.Add(Message(item.Kind, item.Object(item.Label)));
            }
            if (last.Kind == "audio")
            {
                fields.Add(path + ".actions", "actions cannot be sent with an audio file on WhatsApp");
            }
            var body = text ?? last.Label;
            if (body is null)
            {
                fields.Add(path + ".text", "is required with actions on WhatsApp (it is the message body above the buttons)");
            }
            var header = new JsonObject { ["type"] = last.Kind, [last.Kind] = last.Object(caption: null) };
            messages.Add(Interactive(fields, path, actions, header, body ?? ""));
            return messages;
        }
        if (media.Count == 1 && (media[0].TakesCaption || text is null))
        {
            return [Message(media[0].Kind, media[0].Object(text ?? media[0].Label))];
        }
        if (text is not null)
        {
            messages.Add(Message("text", new JsonObject { ["body"] = text }));
        }
        messages.AddRange(media.Select(item => Message(item.Kind, item.Object(item.Label))));
        return messages;
    }

    private static JsonObject Location(BirdFields fields, JsonElement location, string path)
    {
        fields.AllowOnly(location, path, "coordinates", "location");
        var result = new JsonObject();
        if (fields.Object(location, path, "coordinates", required: true) is { } coordinates)
        {
            result["latitude"] = fields.Number(coordinates, path + ".coordinates", "latitude", -90, 90);
            result["longitude"] = fields.Number(coordinates, path + ".coordinates", "longitude", -180, 180);
        }
        if (fields.Object(location, path, "location", required: false) is { } place)
        {
            if (fields.String(place, path + ".location", "label", required: false) is { } label)
            {
                result["name"] = label;
            }
            if (fields.String(place, path + ".location", "address", required: false) is { } address)
            {
                result["address"] = address;
            }
        }
        return Message("location", result);
    }

    /// <summary>
    /// <c>list.items[]</c> are the sections (title = section title, postback or reply actions = rows); a list without
    /// items takes <c>list.actions</c> as the rows of one untitled section.
    /// </summary>
    private static JsonObject List(BirdFields fields, JsonElement list, string path)
    {
        fields.AllowOnly(list, path, "text", "title", "altText", "items", "actions", "metadata");
        var text = fields.String(list, path, "text", required: true) ?? "";
        var title = fields.String(list, path, "title", required: false);
        var sections = new JsonArray();
        var items = fields.Array(list, path, "items", required: false);
        for (var i = 0; i < items.Count; i++)
        {
            var at = BirdFields.Index(path + ".items", i);
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                fields.Add(at, "must be an object");
                continue;
            }
            fields.AllowOnly(items[i], at, "title", "actions", "description", "mediaUrl", "altText");
            sections.Add(Section(fields, at, fields.String(items[i], at, "title", required: false), BirdAction.Read(fields, items[i], at)));
        }
        var direct = BirdAction.Read(fields, list, path);
        if (direct.Count > 0)
        {
            sections.Add(Section(fields, path, null, direct));
        }
        if (sections.Count == 0)
        {
            fields.Add(path + ".items", "a list needs items with actions (or actions) to choose from");
        }
        var button = DefaultListButtonLabel;
        if (list.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("button", out var b) && b.ValueKind == JsonValueKind.Object)
        {
            button = fields.String(b, path + ".metadata.button", "label", required: false) ?? button;
        }
        var interactive = new JsonObject { ["type"] = "list" };
        if (title is not null)
        {
            interactive["header"] = new JsonObject { ["type"] = "text", ["text"] = title };
        }
        interactive["body"] = new JsonObject { ["text"] = text };
        interactive["action"] = new JsonObject { ["button"] = button, ["sections"] = sections };
        return Message("interactive", interactive);
    }

    private static JsonObject Section(BirdFields fields, string path, string? title, List<BirdAction> actions)
    {
        if (actions.Count == 0)
        {
            fields.Add(path + ".actions", "is required: the rows of this section");
        }
        if (actions.Any(a => !a.IsQuickReply))
        {
            fields.Add(path + ".actions", "list rows must be postback or reply actions");
        }
        var rows = new JsonArray();
        foreach (var action in actions.Where(a => a.IsQuickReply))
        {
            var row = new JsonObject { ["id"] = action.Id, ["title"] = action.Text };
            if (action.Description is not null)
            {
                row["description"] = action.Description;
            }
            rows.Add(row);
        }
        var section = new JsonObject();
        if (title is not null)
        {
            section["title"] = title;
        }
        section["rows"] = rows;
        return section;
    }

    /// <summary>
    /// WhatsApp carousel rules as the Channels page states them (seed 001): <c>text</c> required, 2–10 cards, every
    /// <c>mediaUrl</c> an image (image/jpeg, image/png) or every one a video (video/mp4, video/3gpp), a title and one
    /// link action per card. The media type is read from the URL's file extension.
    /// </summary>
    private static JsonObject Carousel(BirdFields fields, JsonElement carousel, string path)
    {
        fields.AllowOnly(carousel, path, "text", "items");
        var text = fields.String(carousel, path, "text", required: true, maxLength: 1024) ?? "";
        var items = fields.Array(carousel, path, "items", required: true);
        if (items.Count is > 0 and (< Core.Messages.Limits.CarouselCardsMin or > Core.Messages.Limits.CarouselCardsMax))
        {
            fields.Add(path + ".items", $"must hold {Core.Messages.Limits.CarouselCardsMin} to {Core.Messages.Limits.CarouselCardsMax} cards");
        }
        var cards = new JsonArray();
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var at = BirdFields.Index(path + ".items", i);
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                fields.Add(at, "must be an object");
                continue;
            }
            fields.AllowOnly(items[i], at, "title", "mediaUrl", "description", "altText", "actions");
            var title = fields.String(items[i], at, "title", required: true);
            var url = fields.String(items[i], at, "mediaUrl", required: true);
            var kind = url is null ? null : CarouselMediaKind(url);
            if (url is not null && kind is null)
            {
                fields.Add(at + ".mediaUrl", "must be an image (.jpg, .jpeg, .png) or a video (.mp4, .3gp, .3gpp)");
            }
            if (kind is not null)
            {
                kinds.Add(kind);
            }
            var actions = BirdAction.Read(fields, items[i], at);
            if (actions is not [{ Type: BirdAction.Link }])
            {
                fields.Add(at + ".actions", "must be exactly one link action");
            }
            var link = actions.FirstOrDefault(a => a.Type == BirdAction.Link);
            var card = new JsonObject
            {
                ["card_index"] = i,
                ["type"] = "cta_url",
                ["header"] = new JsonObject { ["type"] = kind ?? "image", [kind ?? "image"] = new JsonObject { ["link"] = url ?? "" } },
            };
            if (title is not null)
            {
                card["body"] = new JsonObject { ["text"] = title };
            }
            card["action"] = new JsonObject
            {
                ["name"] = "cta_url",
                ["parameters"] = new JsonObject { ["display_text"] = link?.Text ?? "", ["url"] = link?.Url ?? "" },
            };
            cards.Add(card);
        }
        if (kinds.Count > 1)
        {
            fields.Add(path + ".items", "every card's media must be an image, or every card's a video");
        }
        return Message("interactive", new JsonObject
        {
            ["type"] = "carousel",
            ["body"] = new JsonObject { ["text"] = text },
            ["action"] = new JsonObject { ["cards"] = cards },
        });
    }

    /// <summary>image (image/jpeg, image/png) or video (video/mp4, video/3gpp) by the URL's extension; null for anything else.</summary>
    public static string? CarouselMediaKind(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".jpg" or ".jpeg" or ".png" => "image",
            ".mp4" or ".3gp" or ".3gpp" => "video",
            _ => null,
        };
    }

    private static JsonObject Message(string type, JsonObject content) => new() { ["type"] = type, [type] = content };
}
