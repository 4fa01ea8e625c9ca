using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// A canonical Cloud API message object (an inbound <c>messages[]</c> item, or an outbound message as accepted) → the
/// fields of a 1msg message (digest A.11): its 1msg <c>type</c>, <c>body</c>, <c>caption</c> and <c>quotedMsgId</c>.
/// </summary>
internal static class OneMsgMessageView
{
    public sealed record Content(string Type, string Body, string? Caption, string? QuotedMsgId);

    public static Content From(JsonElement message)
    {
        var type = Text(message, "type") ?? "text";
        var quoted = message.TryGetProperty("context", out var context) ? Text(context, "message_id") ?? Text(context, "id") : null;
        var inner = message.TryGetProperty(type, out var value) ? value : default;
        return type switch
        {
            "text" => new("chat", Text(inner, "body") ?? "", null, quoted),
            "image" or "video" or "document" or "sticker" => new(type, Text(inner, "link") ?? Text(inner, "id") ?? "", Text(inner, "caption") ?? Text(inner, "filename"), quoted),
            "audio" => new(inner.ValueKind == JsonValueKind.Object && inner.TryGetProperty("voice", out var voice) && voice.ValueKind == JsonValueKind.True ? "ptt" : "audio",
                Text(inner, "link") ?? Text(inner, "id") ?? "", null, quoted),
            "location" => new("location", $"{Raw(inner, "latitude")};{Raw(inner, "longitude")}", Text(inner, "name"), quoted),
            "reaction" => new("reaction", Text(inner, "emoji") ?? "", null, Text(inner, "message_id")),
            "button" => new("button", Text(inner, "text") ?? "", null, quoted),
            "interactive" => new("interactive", InteractiveBody(inner), null, quoted),
            "contacts" => new("vcard", inner.ValueKind == JsonValueKind.Array ? inner.GetRawText() : "", null, quoted),
            "template" => new("template", Text(inner, "name") ?? "", null, quoted),
            // A submitted cart (docs/commerce.md; UNCONFIRMED, 1msg documents no order body): the Cloud API order object as
            // JSON text, as contacts are; the caption is the user's note.
            "order" => new("order", inner.ValueKind == JsonValueKind.Object ? inner.GetRawText() : "", Text(inner, "text") is { Length: > 0 } note ? note : null, quoted),
            // A change of number or BSUID (docs/identities.md): WhatsApp's sentence is the body.
            "system" => new("system", Text(inner, "body") ?? "", null, quoted),
            _ => new(type, "", null, quoted),
        };
    }

    /// <summary>
    /// A stored message of either direction as a 1msg message item (digest A.11): the fields <c>GET /messages</c> and the
    /// messages webhook's echoes of outgoing messages share. An outgoing message is <c>fromMe</c>, <c>self: 1</c> (sent
    /// through the API), authored by the channel's own number; its <c>chatId</c> is the recipient's (<c>@g.us</c> for a
    /// group). An incoming message is authored by its sender; one a participant posted in a group is in the group's
    /// chat (<c>@g.us</c>), authored by the participant (the stored message's <c>from</c>).
    /// </summary>
    /// <param name="isForwarded">How the list (<c>0</c>) or the webhook (<c>false</c>) spells "not forwarded".</param>
    public static JsonObject Item(NumberedMessage numbered, Channel channel, JsonNode isForwarded)
    {
        ArgumentNullException.ThrowIfNull(numbered);
        ArgumentNullException.ThrowIfNull(channel);
        var message = numbered.Message;
        using var document = JsonDocument.Parse(message.Payload);
        var content = From(document.RootElement);
        var fromMe = message.Direction == MessageDirection.Outbound;
        var isGroup = fromMe
            ? document.RootElement.TryGetProperty("recipient_type", out var type) && type.GetString() == "group"
            : GroupOf(document.RootElement) is not null;
        var chatId = OneMsgRecipient.ChatId(message.Peer, isGroup);
        // A participant's post in a group: the group is the chat, the participant the author.
        var sender = !fromMe && isGroup ? Sender(document.RootElement) ?? message.Peer : message.Peer;
        return new JsonObject
        {
            ["messageNumber"] = numbered.Number,
            ["id"] = message.Id,
            ["body"] = content.Body,
            ["fromMe"] = fromMe,
            ["self"] = fromMe ? 1 : 0,
            ["isForwarded"] = isForwarded,
            ["author"] = fromMe ? OneMsgRecipient.ChatId(channel.DisplayPhoneNumber) : OneMsgRecipient.ChatId(sender),
            ["time"] = message.CreatedAt.ToUnixTimeSeconds(),
            ["chatId"] = chatId,
            ["type"] = content.Type,
            ["senderName"] = fromMe ? channel.VerifiedName : sender,
            ["caption"] = content.Caption,
            ["quotedMsgId"] = content.QuotedMsgId,
            ["chatName"] = message.Peer,
        };
    }

    /// <summary>Who sent an inbound message: their phone number, else their BSUID (a user who keeps their number from the business).</summary>
    public static string? Sender(JsonElement inbound) => Text(inbound, "from") ?? Text(inbound, "from_user_id");

    /// <summary>The group an inbound message was posted in (its <c>group_id</c>), or null for a message to the business alone.</summary>
    public static string? GroupOf(JsonElement inbound) => Text(inbound, "group_id");

    /// <summary>A reply's title, or an interactive message's body text.</summary>
    private static string InteractiveBody(JsonElement interactive)
    {
        foreach (var reply in new[] { "button_reply", "list_reply" })
        {
            if (interactive.ValueKind == JsonValueKind.Object && interactive.TryGetProperty(reply, out var chosen))
            {
                return Text(chosen, "title") ?? "";
            }
        }
        if (interactive.ValueKind == JsonValueKind.Object && interactive.TryGetProperty("nfm_reply", out var form))
        {
            return Text(form, "response_json") ?? "";
        }
        return interactive.ValueKind == JsonValueKind.Object && interactive.TryGetProperty("body", out var body) ? Text(body, "text") ?? "" : "";
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Raw(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value.ToString() : "";
}
