using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Messages;

namespace Parley.Server.Dialects.Bird;

/// <summary>One entry of a Channels <c>actions[]</c>: <c>{type, &lt;type&gt;: {…}}</c> (dialects digest B.5).</summary>
/// <param name="Text">The label: the button, row or link text.</param>
/// <param name="Payload">A postback's payload: returned on click, so it becomes the button or row id.</param>
/// <param name="Description">A list row's description (<c>metadata.description.label</c>).</param>
internal sealed record BirdAction(string Type, string Text, string? Payload, string? Url, string? Description)
{
    public const string Reply = "reply";
    public const string Postback = "postback";
    public const string Link = "link";
    public const string LocationRequest = "locationRequest";

    /// <summary>Bird's default label of a location request (B.5).</summary>
    public const string DefaultLocationRequestText = "Send location";

    private static readonly string[] Types = [Reply, Postback, Link, LocationRequest, "buy"];

    public bool IsQuickReply => Type is Reply or Postback;

    /// <summary>The id WhatsApp returns when the user taps it: the postback payload, or the reply text.</summary>
    public string Id => Payload ?? Text;

    public static List<BirdAction> Read(BirdFields fields, JsonElement parent, string path)
    {
        var actions = new List<BirdAction>();
        var items = fields.Array(parent, path, "actions", required: false);
        for (var i = 0; i < items.Count; i++)
        {
            var at = BirdFields.Index(BirdFields.Join(path, "actions"), i);
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                fields.Add(at, "must be an object");
                continue;
            }
            var type = fields.String(items[i], at, "type", required: true);
            if (type is null)
            {
                continue;
            }
            if (!Types.Contains(type, StringComparer.Ordinal))
            {
                fields.Add(BirdFields.Join(at, "type"), $"must be one of {string.Join(", ", Types)}");
                continue;
            }
            if (type == "buy")
            {
                fields.Add(BirdFields.Join(at, "type"), "buy actions are not supported on WhatsApp");
                continue;
            }
            var inner = fields.Object(items[i], at, type, required: type != LocationRequest);
            var innerPath = BirdFields.Join(at, type);
            if (type == LocationRequest)
            {
                var text = inner is { } l ? fields.String(l, innerPath, "text", required: false) : null;
                actions.Add(new BirdAction(type, text ?? DefaultLocationRequestText, null, null, null));
                continue;
            }
            if (inner is not { } body)
            {
                continue;
            }
            var label = fields.String(body, innerPath, "text", required: true);
            var payload = type == Postback ? fields.String(body, innerPath, "payload", required: false) : null;
            var url = type == Link ? fields.String(body, innerPath, "url", required: true) : null;
            string? description = null;
            if (body.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.Object)
            {
                description = fields.String(d, BirdFields.Join(innerPath, "metadata.description"), "label", required: false, Limits.RowDescriptionMaxLength);
            }
            if (label is not null)
            {
                actions.Add(new BirdAction(type, label, payload, url, description));
            }
        }
        return actions;
    }

    /// <summary>WhatsApp reply buttons: <c>{type: reply, reply: {id, title}}</c>.</summary>
    public static JsonArray Buttons(IEnumerable<BirdAction> actions) =>
        [.. actions.Select(a => (JsonNode)new JsonObject
        {
            ["type"] = "reply",
            ["reply"] = new JsonObject { ["id"] = a.Id, ["title"] = a.Text },
        })];

    /// <summary>WhatsApp's action for the actions of a text or media message: reply buttons, one URL button or a location request; null when they do not fit one.</summary>
    public static (string InteractiveType, JsonObject Action)? ToInteractive(IReadOnlyList<BirdAction> actions)
    {
        if (actions.Count > 0 && actions.All(a => a.IsQuickReply))
        {
            return ("button", new JsonObject { ["buttons"] = Buttons(actions) });
        }
        if (actions is [{ Type: Link } link])
        {
            return ("cta_url", new JsonObject
            {
                ["name"] = "cta_url",
                ["parameters"] = new JsonObject { ["display_text"] = link.Text, ["url"] = link.Url },
            });
        }
        if (actions is [{ Type: LocationRequest }])
        {
            return ("location_request_message", new JsonObject { ["name"] = "send_location" });
        }
        return null;
    }
}
