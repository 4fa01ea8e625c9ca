using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Server.Dialects.Bird;

/// <summary>A Channels send request mapped to canonical Cloud API messages (not yet validated by WhatsApp's rules).</summary>
/// <param name="Recipient">The receiver's identifier value, as given (<c>+31612345678</c>).</param>
/// <param name="Messages">Cloud API message objects, in sending order; <c>context</c> is added once <c>replyTo</c> is resolved.</param>
/// <param name="Echo">What the answer and later reads echo: <c>receiver</c>, <c>body</c> or <c>template</c>, <c>replyTo</c>, <c>meta</c>.</param>
internal sealed record BirdSendRequest(string Recipient, IReadOnlyList<JsonObject> Messages, bool IsTemplate, string? ReplyToId, string? Reference, JsonObject Echo);

/// <summary>
/// The pure mapping of <c>POST /workspaces/{workspaceId}/channels/{channelId}/messages</c> (seed 001; dialects digest
/// B.2–B.6): <c>receiver</c> plus <c>body</c> or <c>template</c> → canonical messages. Unknown top-level fields are
/// rejected (the schema's <c>additionalProperties: false</c>); every problem is reported per field (422).
/// </summary>
internal static class BirdRequestMapper
{
    private static readonly string[] TopLevel =
    [
        "receiver", "body", "template", "sender", "reference", "replyTo", "meta", "notification", "capFrequency",
        "enableLinkTracking", "ignoreQuietHours", "ignoreGlobalHoldout", "tags", "shortLinks", "scheduledFor", "validity",
    ];

    private static readonly string[] Echoed = ["receiver", "body", "template", "replyTo", "meta", "tags"];

    public static (BirdSendRequest? Request, BirdError? Error) Map(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, BirdError.BadRequest("The request body must be a JSON object."));
        }
        if (InlineContentTooLarge(root) is { } path)
        {
            return (null, BirdError.TooLarge($"The inline content of {path} is larger than {BirdError.MaxInlineAttachmentBytes / 1024} KB."));
        }
        var fields = new BirdFields();
        fields.AllowOnly(root, "", TopLevel);
        var recipient = Receiver(fields, root);
        var reference = fields.String(root, "", "reference", required: false);
        if (fields.String(root, "", "scheduledFor", required: false) is not null)
        {
            fields.Add("scheduledFor", "scheduled sending is not supported by Parley");
        }
        var replyTo = ReplyTo(fields, root);

        var body = fields.Object(root, "", "body", required: false);
        var template = fields.Object(root, "", "template", required: false);
        List<JsonObject> contents = [];
        if (body is not null && template is not null)
        {
            fields.Add("template", "set either body or template, not both");
        }
        else if (template is { } t)
        {
            contents = [BirdTemplateMapper.Map(fields, t)];
        }
        else if (body is { } b)
        {
            contents = BirdBodyMapper.Map(fields, b);
        }
        else
        {
            fields.Add("body", "is required unless template is set");
        }
        if (!fields.IsValid)
        {
            return (null, BirdError.Invalid(fields.Details));
        }

        var messages = contents.Select(content =>
        {
            var message = new JsonObject
            {
                ["messaging_product"] = "whatsapp",
                ["recipient_type"] = "individual",
            };
            // A contact known only by BSUID is addressed with identifierKey whatsappbsuid (docs.bird.com, "Business-Scoped
            // User IDs"): the Cloud API recipient.
            message[BirdContacts.IsBsuid(recipient) ? "recipient" : "to"] = recipient;
            foreach (var (key, value) in content)
            {
                message[key] = value?.DeepClone();
            }
            return message;
        }).ToList();

        var echo = new JsonObject();
        foreach (var name in Echoed)
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                echo[name] = JsonSerializer.SerializeToNode(value);
            }
        }
        return (new BirdSendRequest(recipient!, messages, template is not null, replyTo, reference, echo), null);
    }

    /// <summary>WhatsApp has one recipient per message: exactly one contact, addressed by its phone number.</summary>
    private static string? Receiver(BirdFields fields, JsonElement root)
    {
        if (fields.Object(root, "", "receiver", required: true) is not { } receiver)
        {
            return null;
        }
        var contacts = fields.Array(receiver, "receiver", "contacts", required: true);
        if (contacts.Count > 1)
        {
            fields.Add("receiver.contacts", "WhatsApp messages have exactly one receiver");
        }
        if (contacts.Count == 0 || contacts[0].ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        const string path = "receiver.contacts[0]";
        var key = fields.String(contacts[0], path, "identifierKey", required: false);
        if (key is not null && key != BirdContacts.PhoneNumberKey && key != BirdContacts.BsuidKey)
        {
            fields.Add(path + ".identifierKey", "must be phonenumber or whatsappbsuid on WhatsApp");
        }
        var value = fields.String(contacts[0], path, "identifierValue", required: false);
        if (value is null && contacts[0].TryGetProperty("identifiers", out var identifiers) && identifiers.ValueKind == JsonValueKind.Array)
        {
            value = identifiers.EnumerateArray()
                .Where(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("identifierKey", out var k) && k.ValueKind == JsonValueKind.String && k.GetString() is BirdContacts.PhoneNumberKey or BirdContacts.BsuidKey)
                .Select(i => i.TryGetProperty("identifierValue", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
                .FirstOrDefault(v => !string.IsNullOrEmpty(v));
        }
        if (value is null)
        {
            fields.Add(path + ".identifierValue", "is required: the receiver's phone number, e.g. +31612345678, or their BSUID");
        }
        else if (key == BirdContacts.BsuidKey && !BirdContacts.IsBsuid(value))
        {
            fields.Add(path + ".identifierValue", "must be a business-scoped user ID, e.g. US.13491208655302741918");
        }
        return value;
    }

    private static string? ReplyTo(BirdFields fields, JsonElement root)
    {
        if (fields.Object(root, "", "replyTo", required: false) is not { } replyTo)
        {
            return null;
        }
        fields.AllowOnly(replyTo, "replyTo", "id", "type", "order");
        var id = fields.String(replyTo, "replyTo", "id", required: true);
        var type = fields.String(replyTo, "replyTo", "type", required: true);
        if (type is not null && type != "message")
        {
            fields.Add("replyTo.type", "must be message on WhatsApp (a reply quotes a received message)");
        }
        return id;
    }

    /// <summary>The path of a <c>mediaUrl</c> holding inline (<c>data:</c>) content over the limit, or null.</summary>
    public static string? InlineContentTooLarge(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var at = BirdFields.Join(path, property.Name);
                    if (property.Name is "mediaUrl" or "content" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        var value = property.Value.GetString()!;
                        var inline = property.Name == "content" || value.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
                        if (inline && value.Length > BirdError.MaxInlineAttachmentBytes)
                        {
                            return at;
                        }
                    }
                    else if (InlineContentTooLarge(property.Value, at) is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (InlineContentTooLarge(item, BirdFields.Index(path, index++)) is { } found)
                    {
                        return found;
                    }
                }
                return null;
            default:
                return null;
        }
    }
}
