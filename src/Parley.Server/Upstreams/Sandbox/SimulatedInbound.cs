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
/// plus <c>profile_name</c> and, for a user arriving from an ad or a Facebook Page (a free entry point), <c>referral</c>; media objects arrive here already stored (<see cref="Media.InboundMedia"/>): with id, mime_type, sha256.
/// </summary>
internal static class SimulatedInbound
{
    private static readonly HashSet<string> MediaTypes = ["image", "audio", "video", "document", "sticker"];
    private static readonly HashSet<string> Types = ["text", "image", "audio", "video", "document", "sticker", "location", "contacts", "reaction", "interactive", "button", "order"];
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
        // A user who came from a click-to-WhatsApp ad or a Facebook Page call to action: a free entry point.
        if (request["referral"] is JsonObject referral)
        {
            message["referral"] = referral.DeepClone();
        }
        var name = request["profile_name"]?.ToString() ?? "Sandbox User " + from.Value[^4..];
        return new InboundEvent(channel.PhoneNumberId, now, id, from.Value, name, type, message.ToJsonString());
    }
}
