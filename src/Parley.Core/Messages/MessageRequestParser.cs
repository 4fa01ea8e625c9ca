using System.Text.Json;
using Parley.Core.Errors;
using Parley.Core.Messages.Validation;
using Parley.Core.Messages.Validators;
using Parley.Core.Messages.Validators.Interactive;
using Parley.Core.Messages.Validators.Template;
using Parley.Core.Phones;
using Parley.Core.Users;
using Parley.Core.Versions;

namespace Parley.Core.Messages;

/// <summary>
/// Validates the body of <c>POST /{version}/{phone-number-id}/messages</c> the way the Cloud API does and turns it
/// into a <see cref="SendMessageRequest"/> or a <see cref="MarkReadRequest"/>. Pure: no I/O, and it never throws
/// on any JSON value. Checks run in a fixed order and the first failure is returned.
/// <para>Error rules, applied the same way to every message type:</para>
/// <list type="bullet">
/// <item><b>100 Invalid parameter</b> — the body is not a JSON object (or is nested too deep, repeats a key, holds
/// invalid UTF-16); <c>messaging_product</c> is missing or not <c>"whatsapp"</c>; a key the object does not define
/// ("Unexpected key \"foo\" on param \"text\"." — the spec's <c>additionalProperties: false</c>); a JSON value of the
/// wrong type ("Param X must be a string."); a string over its length limit ("Param text['body'] must be at most
/// 4096 characters long."); a <c>00</c>-prefixed phone number; <c>context</c> on a reaction; and, as Meta answers
/// it, a missing template text parameter.</item>
/// <item><b>131008 Required parameter is missing</b> — a required field inside the message is absent, null or an
/// empty string ("The parameter text['body'] is required."), including <c>to</c>, the object named by <c>type</c>,
/// and neither <c>id</c> nor <c>link</c> on media.</item>
/// <item><b>131009 Parameter value is not valid</b> — a value outside its allowed set, format, range, count or
/// uniqueness rule; both <c>id</c> and <c>link</c> on media; header rules of interactive types; button, row and
/// section labels that are empty or too long, in Meta's words ("Button title length invalid. Min length: 1, Max
/// length: 20"); a recipient that is not a phone number or group id.</item>
/// <item><b>131051 Unsupported message type</b> — a <c>type</c> outside the Cloud API's eleven types.</item>
/// <item>A user is addressed by <c>to</c> (a phone number) or by <c>recipient</c> (a BSUID, <see cref="Bsuid"/>); with
/// both, <c>to</c> takes precedence. A BSUID in <c>to</c>, or a <c>recipient</c> that is not a BSUID, is 131009.</item>
/// <item><b>131021 Recipient cannot be sender</b> — <c>to</c> normalizes to the channel's own number.</item>
/// </list>
/// JSON <c>null</c> is treated as absent. Limits are named in <see cref="Limits"/>.
/// </summary>
public static class MessageRequestParser
{
    private static readonly string[] MessageTypes =
        ["text", "image", "audio", "video", "document", "sticker", "location", "contacts", "reaction", "interactive", "template"];

    private static readonly string[] EnvelopeKeys =
        ["messaging_product", "recipient_type", "to", "recipient", "type", "context", "biz_opaque_callback_data"];

    public static Outcome<MessageRequest> Parse(JsonElement body, SenderContext sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ErrorCatalog.InvalidParameter.With("The request body must be a JSON object.");
        }
        if (JsonShapeGuard.Check(body) is { } shapeError)
        {
            return shapeError;
        }

        var state = new ValidationState { Version = sender.Version ?? GraphVersions.Newest };
        var message = new ObjectReader(state, body, ParamPath.Root);
        ValidateMessagingProduct(message);
        MessageRequest? request = message.Has("status") ? ParseMarkRead(message) : ParseSend(message, sender);
        return state.Error is { } error ? error : request!;
    }

    private static void ValidateMessagingProduct(ObjectReader message)
    {
        if (message.IsBlank("messaging_product"))
        {
            message.Fail(ErrorCatalog.InvalidParameter, "The parameter messaging_product is required.");
        }
        else if (message.OptionalString("messaging_product") is { } product && product != "whatsapp")
        {
            message.Fail(ErrorCatalog.InvalidParameter, "Param messaging_product must be \"whatsapp\".");
        }
    }

    /// <summary>S MarkMessageRequestPayload, plus the typing indicator (digest §1.7).</summary>
    private static MarkReadRequest? ParseMarkRead(ObjectReader message)
    {
        message.AllowOnly("messaging_product", "status", "message_id", "typing_indicator");
        message.RequiredEnum("status", "read");
        var messageId = message.RequiredString("message_id", Limits.MessageIdMaxLength);
        var typingIndicator = message.OptionalObject("typing_indicator").AllowOnly("type");
        typingIndicator.RequiredEnum("type", "text");
        return messageId is null ? null : new MarkReadRequest(messageId, typingIndicator.IsPresent);
    }

    /// <summary>S Message and BaseMessageProperties; digest §1.2.</summary>
    private static SendMessageRequest? ParseSend(ObjectReader message, SenderContext sender)
    {
        // "If not specified, it defaults to text" (seed003), as does recipient_type to individual.
        var type = message.OptionalString("type") ?? "text";
        if (!MessageTypes.Contains(type))
        {
            message.Fail(ErrorCatalog.UnsupportedMessageType,
                $"Message type \"{ValidationState.Echo(type)}\" is not supported. Supported types: {string.Join(", ", MessageTypes)}.");
        }
        message.AllowOnly([.. EnvelopeKeys, type]);
        var recipientType = message.OptionalEnum("recipient_type", "individual", "group") ?? "individual";
        // A user is addressed by phone number (to) or by BSUID (recipient); with both, to takes precedence (Meta,
        // "Business-scoped user IDs").
        var byBsuid = recipientType == "individual" && message.IsBlank("to") && !message.IsBlank("recipient");
        var recipient = message.OptionalString("recipient", Bsuid.MaxLength);
        var input = byBsuid ? recipient : message.RequiredString("to");
        var to = input is null ? null : byBsuid ? CheckBsuid(message, input) : NormalizeRecipient(message, input, recipientType, sender);

        var context = message.OptionalObject("context");
        if (type == "reaction" && context.IsPresent)
        {
            message.Fail(ErrorCatalog.InvalidParameter, "Param context is not allowed on reaction messages: reactions cannot be replies.");
        }
        var contextMessageId = context.AllowOnly("message_id").RequiredString("message_id", Limits.MessageIdMaxLength);
        var callbackData = message.OptionalString("biz_opaque_callback_data", Limits.BizOpaqueCallbackDataMaxLength);

        var reactionMessageId = ValidateContent(message, type);

        if (recipientType == "individual" && to is not null && to == PhoneNumbers.DigitsOf(sender.BusinessPhoneNumber))
        {
            message.Fail(ErrorCatalog.RecipientCannotBeSender, "Sender and recipient phone number is the same.");
        }
        if (message.State.Failed || to is null || input is null)
        {
            return null;
        }
        var payload = BuildPayload(message.Element, byBsuid ? null : to, recipientType, type);
        return new SendMessageRequest(to, input, recipientType, type, payload, callbackData, contextMessageId, reactionMessageId);
    }

    /// <summary>Validates the object named by <paramref name="type"/>; returns the reacted-to message id for reactions.</summary>
    private static string? ValidateContent(ObjectReader message, string type)
    {
        switch (type)
        {
            case "text":
                TextValidator.Validate(message);
                break;
            case "image" or "audio" or "video" or "document" or "sticker":
                MediaValidator.Validate(message, type);
                break;
            case "location":
                LocationValidator.Validate(message);
                break;
            case "contacts":
                ContactsValidator.Validate(message);
                break;
            case "reaction":
                return ReactionValidator.Validate(message);
            case "interactive":
                InteractiveValidator.Validate(message);
                break;
            case "template":
                TemplateValidator.Validate(message);
                break;
        }
        return null;
    }

    /// <summary>The <c>recipient</c> of a send by BSUID: a BSUID or parent BSUID (<see cref="Bsuid"/>), else 131009.</summary>
    private static string? CheckBsuid(ObjectReader message, string input)
    {
        if (Bsuid.IsValid(input))
        {
            return input;
        }
        message.Invalid("Param recipient must be a business-scoped user ID (e.g. US.13491208655302741918) or a parent BSUID.");
        return null;
    }

    /// <summary>
    /// A phone number (see <see cref="PhoneNumbers"/>) or, for group sends, a group id. A BSUID is not a phone number:
    /// in <c>to</c> it is refused with 131009 and a pointer to <c>recipient</c>.
    /// </summary>
    private static string? NormalizeRecipient(ObjectReader message, string input, string recipientType, SenderContext sender)
    {
        if (recipientType == "group")
        {
            if (TextLength.Exceeds(input, Limits.GroupIdMaxLength))
            {
                message.State.TooLong("to", Limits.GroupIdMaxLength);
                return null;
            }
            if (!input.All(IsGroupIdCharacter))
            {
                message.Invalid("Param to must be a group id made of letters, digits and _ = . - characters.");
                return null;
            }
            return input;
        }
        if (Bsuid.IsValid(input.Trim()))
        {
            message.Invalid("Param to must be a phone number. To send to a business-scoped user ID, put it in recipient instead of to.");
            return null;
        }
        var normalized = PhoneNumbers.Normalize(input, sender.CountryCallingCode);
        if (!normalized.Succeeded)
        {
            message.Fail(normalized.Error.Definition, normalized.Error.Details);
            return null;
        }
        return normalized.Value;
    }

    private static bool IsGroupIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '=' or '.' or '-';

    /// <summary>The message object as sent, with its defaults filled in and <c>to</c> normalized (a send by BSUID keeps its <c>recipient</c> and has no <c>to</c>).</summary>
    /// <remarks>
    /// Written straight from the parsed body into a pooled buffer, as a <c>JsonObject</c> edited and serialized would be:
    /// the keys in their order, a set key replaced where it stands, a missing one appended; strings re-escaped by the
    /// default encoder. <see cref="JsonShapeGuard"/> already bounded the depth and ruled out duplicate keys.
    /// </remarks>
    private static string BuildPayload(JsonElement body, string? to, string recipientType, string type)
    {
        var writer = PayloadWriter.Rent();
        try
        {
            var json = writer.Json;
            var (wroteRecipientType, wroteType, wroteTo) = (false, false, to is null);
            json.WriteStartObject();
            foreach (var property in body.EnumerateObject())
            {
                if (property.NameEquals("recipient_type"))
                {
                    json.WriteString("recipient_type", recipientType);
                    wroteRecipientType = true;
                }
                else if (property.NameEquals("type"))
                {
                    json.WriteString("type", type);
                    wroteType = true;
                }
                else if (to is not null && property.NameEquals("to"))
                {
                    json.WriteString("to", to);
                    wroteTo = true;
                }
                else
                {
                    property.WriteTo(json);
                }
            }
            if (!wroteRecipientType)
            {
                json.WriteString("recipient_type", recipientType);
            }
            if (!wroteType)
            {
                json.WriteString("type", type);
            }
            if (!wroteTo)
            {
                json.WriteString("to", to);
            }
            json.WriteEndObject();
            return writer.ToText();
        }
        finally
        {
            PayloadWriter.Return(writer);
        }
    }
}
