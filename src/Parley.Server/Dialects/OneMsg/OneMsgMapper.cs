using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Messages;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// 1msg send methods → the canonical Cloud API message object (DESIGN principle 1). Pure: the result goes through the
/// same <see cref="MessageRequestParser"/> as a Cloud API request, so every WhatsApp rule is checked once, in Core.
/// Fields are those of seed 000 (and digest A.6 where the seed is silent: sendSticker, sendCtaUrl, sendAddressMessage, sendOrderDetails).
/// </summary>
internal static class OneMsgMapper
{
    /// <summary>The send methods, as they appear in the path.</summary>
    public static readonly string[] Methods =
    [
        "sendMessage", "sendFile", "sendLocation", "sendContact", "sendButton", "sendList", "sendLocationRequest", "sendFlow",
        "sendReaction", "sendCarousel", "sendProduct", "sendTemplate", "sendSticker", "sendCtaUrl", "sendAddressMessage",
        "sendOrderDetails",
    ];

    public static Outcome<JsonObject> ToCanonical(string method, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var message = new JsonObject { ["messaging_product"] = "whatsapp" };
        if (OneMsgRecipient.Apply(body, message) is { } recipientError)
        {
            return recipientError;
        }
        var content = method switch
        {
            "sendMessage" => Text(body),
            "sendFile" => OneMsgMediaMapper.File(body),
            "sendSticker" => OneMsgMediaMapper.Sticker(body),
            "sendLocation" => Location(body),
            "sendContact" => Contacts(body),
            "sendReaction" => Reaction(body),
            "sendTemplate" => OneMsgTemplateMapper.Template(body),
            "sendOrderDetails" => OneMsgOrderDetailsMapper.OrderDetails(body),
            "sendButton" or "sendList" or "sendLocationRequest" or "sendFlow" or "sendCarousel" or "sendProduct" or "sendCtaUrl" or "sendAddressMessage"
                => OneMsgInteractiveMapper.Interactive(method, body),
            _ => ErrorCatalog.UnknownPath.With($"Unknown method {method}."),
        };
        if (!content.Succeeded)
        {
            return content.Error;
        }
        foreach (var (key, value) in content.Value)
        {
            message[key] = OneMsgFields.Copy(value);
        }
        // quotedMsgId is the replied-to message (context) on every send but a reaction, where it names the reacted-to one.
        if (method != "sendReaction" && OneMsgFields.Text(body, "quotedMsgId") is { Length: > 0 } quoted)
        {
            message["context"] = new JsonObject { ["message_id"] = quoted };
        }
        return message;
    }

    internal static WhatsAppError Missing(string field) => ErrorCatalog.RequiredParameterMissing.With($"The parameter {field} is required.");

    internal static WhatsAppError Invalid(string details) => ErrorCatalog.ParameterValueNotValid.With(details);

    private static Outcome<JsonObject> Text(JsonObject body)
    {
        if (OneMsgFields.Text(body, "body") is not { Length: > 0 } text)
        {
            return Missing("body");
        }
        return new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["body"] = text } };
    }

    private static Outcome<JsonObject> Location(JsonObject body)
    {
        if (!OneMsgFields.Has(body, "lat"))
        {
            return Missing("lat");
        }
        if (!OneMsgFields.Has(body, "lng"))
        {
            return Missing("lng");
        }
        if (OneMsgFields.Number(body, "lat") is not { } lat || OneMsgFields.Number(body, "lng") is not { } lng)
        {
            return Invalid("The parameters lat and lng must be numbers (45.018337, -73.968285).");
        }
        var location = new JsonObject { ["latitude"] = lat, ["longitude"] = lng };
        if (OneMsgFields.Text(body, "name") is { Length: > 0 } name)
        {
            location["name"] = name;
        }
        if (OneMsgFields.Text(body, "address") is { Length: > 0 } address)
        {
            location["address"] = address;
        }
        return new JsonObject { ["type"] = "location", ["location"] = location };
    }

    private static Outcome<JsonObject> Contacts(JsonObject body)
    {
        if (OneMsgFields.Array(body, "contacts") is not { } contacts)
        {
            return OneMsgFields.Has(body, "contacts") ? Invalid("The parameter contacts must be an array of contact objects.") : Missing("contacts");
        }
        return new JsonObject { ["type"] = "contacts", ["contacts"] = contacts.DeepClone() };
    }

    /// <summary>An empty <c>body</c> removes the reaction (seed 000, Send Reaction).</summary>
    private static Outcome<JsonObject> Reaction(JsonObject body)
    {
        if (OneMsgFields.Text(body, "quotedMsgId") is not { Length: > 0 } messageId)
        {
            return Missing("quotedMsgId");
        }
        if (!OneMsgFields.Has(body, "body"))
        {
            return Missing("body");
        }
        var emoji = OneMsgFields.Text(body, "body") ?? "";
        return new JsonObject { ["type"] = "reaction", ["reaction"] = new JsonObject { ["message_id"] = messageId, ["emoji"] = emoji } };
    }
}
