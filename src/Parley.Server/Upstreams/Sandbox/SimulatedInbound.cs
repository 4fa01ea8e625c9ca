using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Core.Phones;
using Parley.Core.Users;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// Turns a simulator request into the inbound message a WhatsApp user would send: the Cloud API inbound message
/// object with Parley's id and the sandbox time. The request is that object without <c>id</c>/<c>timestamp</c>,
/// plus <c>profile_name</c>, <c>username</c>, <c>from_user_id</c> and <c>share_number</c> (see <see cref="Identify"/>) and, for a user arriving from an ad or a Facebook Page (a free entry point), <c>referral</c>; media objects arrive here already stored (<see cref="Media.InboundMedia"/>): with id, mime_type, sha256.
/// </summary>
internal static class SimulatedInbound
{
    private static readonly HashSet<string> MediaTypes = ["image", "audio", "video", "document", "sticker"];
    private static readonly HashSet<string> Types = ["text", "image", "audio", "video", "document", "sticker", "location", "contacts", "reaction", "interactive", "button", "order", "unsupported"];
    private static readonly HashSet<string> InteractiveTypes = ["button_reply", "list_reply", "nfm_reply"];

    /// <summary>The request's replies (<c>interactive</c>, <c>button</c>) need <c>context.id</c> of a message the business sent.</summary>
    public static bool NeedsContext(string type) => type is "interactive" or "button";

    /// <summary>The inbound message of the request; with <paramref name="groupId"/>, a participant's post in that group (the message carries <c>group_id</c>).</summary>
    public static Outcome<InboundEvent> Build(Channel channel, JsonObject request, DateTimeOffset now, string? groupId = null)
    {
        var identified = Identify(channel, request);
        if (!identified.Succeeded)
        {
            return identified.Error;
        }
        var user = identified.Value;
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
        if (user.WaId is not null)
        {
            message["from"] = user.WaId;
        }
        message["from_user_id"] = user.UserId;
        if (groupId is not null)
        {
            message["group_id"] = groupId;
        }
        message["id"] = id;
        message["timestamp"] = CanonicalEvents.UnixSeconds(now);
        message["type"] = type;
        var copy = content.DeepClone();
        if (MediaTypes.Contains(type) && (copy["id"] is null || copy["mime_type"] is null))
        {
            return ErrorCatalog.RequiredParameterMissing.With("Media needs data (base64), a size to generate, or the id of the channel's media.");
        }
        message[type] = copy;
        if (type == "unsupported")
        {
            Unsupported(message);
        }
        // A user who came from a click-to-WhatsApp ad or a Facebook Page call to action: a free entry point.
        if (request["referral"] is JsonObject referral)
        {
            message["referral"] = referral.DeepClone();
        }
        return new InboundEvent(channel.PhoneNumberId, now, id, user, type, message.ToJsonString(), GroupId: groupId);
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
    /// The sender (docs/sandbox.md, "Identities"): <c>from</c> is the user's number and their BSUID is derived from it
    /// (<see cref="SandboxUsers"/>); <c>share_number: false</c> (the default for numbers ending in 0505) keeps the number
    /// from the business. <c>from_user_id</c> alone is a user known only by that BSUID; with <c>from</c>, it is the BSUID
    /// of a user who now shares their number. <c>username</c> and <c>profile_name</c> are optional.
    /// </summary>
    public static Outcome<WhatsAppUser> Identify(Channel channel, JsonObject request)
    {
        var username = Text(request, "username");
        var bsuid = Text(request, "from_user_id");
        if (bsuid is not null && !Bsuid.IsValid(bsuid))
        {
            return ErrorCatalog.ParameterValueNotValid.With("The parameter from_user_id must be a business-scoped user ID (e.g. US.13491208655302741918).");
        }
        if (Text(request, "from") is not { } fromText)
        {
            return bsuid is null
                ? ErrorCatalog.RequiredParameterMissing.With("The parameter from (the user's number) or from_user_id (their BSUID) is required.")
                : new WhatsAppUser(null, bsuid, null, username, Text(request, "profile_name") ?? "Sandbox User " + bsuid[^4..]);
        }
        var from = PhoneNumbers.Normalize(fromText.StartsWith('+') ? fromText : "+" + fromText, channel.CountryCallingCode);
        if (!from.Succeeded)
        {
            return from.Error;
        }
        var shares = request["share_number"] is JsonValue share && share.TryGetValue<bool>(out var value) ? value : !SandboxUsers.HidesNumber(from.Value);
        var user = SandboxUsers.User(channel.AccountId, from.Value, shares, username, Text(request, "profile_name") ?? "Sandbox User " + from.Value[^4..]);
        return bsuid is null ? user : user with { UserId = bsuid };
    }

    private static string? Text(JsonObject request, string name) =>
        request[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
