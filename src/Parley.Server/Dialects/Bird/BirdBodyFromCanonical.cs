using System.Text.Json.Nodes;

namespace Parley.Server.Dialects.Bird;

/// <summary>
/// The Channels <c>body</c> of a canonical message that was not sent through this dialect: an inbound WhatsApp
/// message, or one sent through another dialect. The inverse of the seed's type table: text → text; image and
/// sticker → image; audio, document and video → file; location → location; a tapped button or list row → text
/// with its title; a completed flow (<c>nfm_reply</c>) → text with its <c>response_json</c>.
/// </summary>
internal static class BirdBodyFromCanonical
{
    public static JsonObject Map(string type, JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var content = message[type] as JsonObject;
        switch (type)
        {
            case "text":
                return Text(content?["body"]?.GetValue<string>() ?? "");
            case "image" or "sticker":
            {
                var image = new JsonObject { ["images"] = new JsonArray(new JsonObject { ["mediaUrl"] = MediaUrl(content) }) };
                if (content?["caption"]?.GetValue<string>() is { } caption)
                {
                    image["text"] = caption;
                }
                return new JsonObject { ["type"] = "image", ["image"] = image };
            }
            case "audio" or "video" or "document":
            {
                var item = new JsonObject
                {
                    ["mediaUrl"] = MediaUrl(content),
                    ["contentType"] = content?["mime_type"]?.GetValue<string>() ?? DefaultContentType(type),
                };
                if (content?["filename"]?.GetValue<string>() is { } filename)
                {
                    item["filename"] = filename;
                }
                var file = new JsonObject { ["files"] = new JsonArray(item) };
                if (content?["caption"]?.GetValue<string>() is { } caption)
                {
                    file["text"] = caption;
                }
                return new JsonObject { ["type"] = "file", ["file"] = file };
            }
            case "location":
            {
                var location = new JsonObject
                {
                    ["coordinates"] = new JsonObject { ["latitude"] = content?["latitude"]?.DeepClone(), ["longitude"] = content?["longitude"]?.DeepClone() },
                };
                var place = new JsonObject();
                if (content?["name"]?.GetValue<string>() is { } name)
                {
                    place["label"] = name;
                }
                if (content?["address"]?.GetValue<string>() is { } address)
                {
                    place["address"] = address;
                }
                if (place.Count > 0)
                {
                    location["location"] = place;
                }
                return new JsonObject { ["type"] = "location", ["location"] = location };
            }
            case "interactive":
                return Text(content?["button_reply"]?["title"]?.GetValue<string>()
                    ?? content?["list_reply"]?["title"]?.GetValue<string>()
                    // A completed flow (nfm_reply): Channels has no form reply, so the text is the flow's response_json.
                    ?? content?["nfm_reply"]?["response_json"]?.GetValue<string>()
                    ?? content?["body"]?["text"]?.GetValue<string>()
                    ?? "");
            case "button":
                return Text(content?["text"]?.GetValue<string>() ?? "");
            case "order":
                return Text(Order(content));
            default:
                return Text("");
        }
    }

    /// <summary>
    /// A submitted cart: Channels has no order body (UNCONFIRMED), so the text lists it, one product a line:
    /// <c>Order (catalog 123): 2 x SKU-1 at 49.99 EUR</c>, then the user's note.
    /// </summary>
    private static string Order(JsonObject? order)
    {
        var lines = new List<string> { $"Order (catalog {order?["catalog_id"]}):" };
        foreach (var item in (order?["product_items"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            lines.Add($"{item["quantity"]} x {item["product_retailer_id"]} at {item["item_price"]} {item["currency"]}");
        }
        if (order?["text"]?.GetValue<string>() is { Length: > 0 } note)
        {
            lines.Add(note);
        }
        return string.Join("\n", lines);
    }

    private static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = new JsonObject { ["text"] = text } };

    private static string MediaUrl(JsonObject? media) =>
        media?["link"]?.GetValue<string>() ?? media?["url"]?.GetValue<string>() ?? media?["id"]?.GetValue<string>() ?? "";

    private static string DefaultContentType(string type) => type switch
    {
        "audio" => "audio/ogg",
        "video" => "video/mp4",
        _ => "application/octet-stream",
    };
}
