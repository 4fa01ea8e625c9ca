using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Core.Phones;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// Turns a simulator request into the inbound message a WhatsApp user would send: the Cloud API inbound message
/// object with Parley's id and the sandbox time. The request is that object without <c>id</c>/<c>timestamp</c>,
/// plus <c>profile_name</c>; media objects arrive here already stored (<see cref="Media.InboundMedia"/>): with id, mime_type, sha256.
/// </summary>
internal static class SimulatedInbound
{
    private static readonly HashSet<string> MediaTypes = ["image", "audio", "video", "document", "sticker"];
    private static readonly HashSet<string> Types = ["text", "image", "audio", "video", "document", "sticker", "location", "contacts", "reaction", "interactive", "button", "order", "unsupported", "system"];
    private static readonly HashSet<string> InteractiveTypes = ["button_reply", "list_reply", "nfm_reply"];

    /// <summary>The request's replies (<c>interactive</c>, <c>button</c>) need <c>context.id</c> of a message the business sent.</summary>
    public static bool NeedsContext(string type) => type is "interactive" or "button";

    public static Outcome<InboundEvent> Build(Channel channel, JsonObject request, DateTimeOffset now)
    {
        if (request["from"] is not JsonValue fromValue || !fromValue.TryGetValue<string>(out var fromText))
        {
            return ErrorCatalog.RequiredParameterMissing.With("The parameter from is required.");
        }
        var from = PhoneNumbers.Normalize(fromText.StartsWith('+') ? fromText : "+" + fromText, channel.CountryCallingCode);
        if (!from.Succeeded)
        {
            return from.Error;
        }
        var type = request["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? request["type"]!.GetValue<string>() : "text";
        if (!Types.Contains(type))
        {
            return ErrorCatalog.UnsupportedMessageType.With($"Simulated users can send: {string.Join(", ", Types)}.");
        }
        if (request[type] is not JsonNode content || (type != "contacts" && content is not JsonObject) || (type == "contacts" && content is not JsonArray))
        {
            return ErrorCatalog.RequiredParameterMissing.With($"The parameter {type} is required.");
        }
        if (type == "interactive" && !InteractiveTypes.Contains(content["type"]?.ToString() ?? ""))
        {
            return ErrorCatalog.ParameterValueNotValid.With("interactive.type must be button_reply, list_reply or nfm_reply.");
        }
        if (NeedsContext(type) && request["context"]?["id"] is null)
        {
            return ErrorCatalog.RequiredParameterMissing.With("The parameter context.id is required for replies.");
        }

        var id = MessageIds.NewWamid();
        var message = new JsonObject();
        if (request["context"] is JsonObject context)
        {
            message["context"] = new JsonObject { ["from"] = channel.DisplayPhoneNumber, ["id"] = context["id"]?.DeepClone() };
        }
        message["from"] = from.Value;
        message["id"] = id;
        message["timestamp"] = CanonicalEvents.UnixSeconds(now);
        message["type"] = type;
        var copy = content.DeepClone();
        if (MediaTypes.Contains(type) && (copy["id"] is null || copy["mime_type"] is null))
        {
            return ErrorCatalog.RequiredParameterMissing.With("Media needs data (base64), a size to generate, or the id of the channel's media.");
        }
        message[type] = copy;
        var name = request["profile_name"]?.ToString() ?? "Sandbox User " + from.Value[^4..];
        if (type == "unsupported")
        {
            Unsupported(message);
        }
        else if (type == "system" && ChangedNumber(message, (JsonObject)copy, channel, name, from.Value) is { } systemError)
        {
            return systemError;
        }
        return new InboundEvent(channel.PhoneNumberId, now, id, from.Value, name, type, message.ToJsonString());
    }

    /// <summary>
    /// A message Cloud API cannot show (a poll, a view-once message…): <c>unsupported.type</c> names what it was, and the
    /// error 131051 says why it has no content; stored in v25.0's shape, rendered <c>unknown</c> for older webhooks.
    /// </summary>
    private static void Unsupported(JsonObject message)
    {
        var unsupported = (JsonObject)message["unsupported"]!;
        unsupported["type"] ??= "unknown";
        message["errors"] = new JsonArray(new JsonObject
        {
            ["code"] = ErrorCatalog.UnsupportedMessageType.Code,
            ["title"] = "Message type unknown",
            ["message"] = "Message type unknown",
            ["error_data"] = new JsonObject { ["details"] = "Message type is currently not supported." },
        });
    }

    /// <summary>
    /// <c>system</c> of type <c>user_changed_number</c>: the user's new number as <c>wa_id</c> (older webhook versions
    /// also get it as <c>new_wa_id</c>) and the body WhatsApp writes.
    /// </summary>
    private static WhatsAppError? ChangedNumber(JsonObject message, JsonObject system, Channel channel, string name, string from)
    {
        if (system["type"]?.ToString() != "user_changed_number")
        {
            return ErrorCatalog.ParameterValueNotValid.With("system.type must be user_changed_number.");
        }
        Outcome<string> newNumber = system["wa_id"]?.ToString() is { Length: > 0 } given
            ? PhoneNumbers.Normalize(given.StartsWith('+') ? given : "+" + given, channel.CountryCallingCode)
            : ErrorCatalog.RequiredParameterMissing.With("The parameter system.wa_id (the user's new number) is required.");
        if (!newNumber.Succeeded)
        {
            return newNumber.Error;
        }
        message["system"] = new JsonObject
        {
            ["body"] = $"User {name} changed from {from} to {newNumber.Value}",
            ["wa_id"] = newNumber.Value,
            ["type"] = "user_changed_number",
        };
        return null;
    }
}
