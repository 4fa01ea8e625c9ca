using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Model;
using Parley.Core.Users;
using Parley.Core.Pricing;

namespace Parley.Server.Upstreams.Meta;

/// <summary>One <c>field: "messages"</c> change of a Meta webhook: its phone number id and what it reports.</summary>
/// <param name="Contacts">The change's <c>contacts[]</c> as users, found by each of their identities (phone number, BSUID).</param>
internal sealed record MetaChange(string PhoneNumberId, IReadOnlyList<JsonElement> Statuses, IReadOnlyList<JsonElement> Messages, IReadOnlyDictionary<string, WhatsAppUser> Contacts);

/// <summary>
/// Reads Meta's webhook envelope (<c>{object, entry[{id, changes[{field, value}]}]}</c>, cloud-api-digest §3.4–3.6) and
/// maps statuses and inbound messages to Parley's events.
/// </summary>
internal static class MetaWebhookPayload
{
    /// <summary>The <c>messages</c> changes of the payload; a payload that is not Meta's envelope throws <see cref="JsonException"/>.</summary>
    public static List<MetaChange> Changes(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("Not a WhatsApp Business Account webhook: no entry array.");
        }
        var changes = new List<MetaChange>();
        foreach (var (_, value) in Fields(root, "messages"))
        {
            if (value.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && Text(metadata, "phone_number_id") is { } phoneNumberId)
            {
                changes.Add(new MetaChange(phoneNumberId, Array(value, "statuses"), Array(value, "messages"), Contacts(value)));
            }
        }
        return changes;
    }

    /// <summary>
    /// The <c>value</c> objects of the envelope's changes whose <c>field</c> is one of <paramref name="fields"/>, with
    /// the field; what is not Meta's shape is passed over.
    /// </summary>
    public static IEnumerable<(string Field, JsonElement Value)> Fields(JsonElement root, params IReadOnlyCollection<string> fields)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("changes", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var change in items.EnumerateArray())
            {
                if (change.ValueKind == JsonValueKind.Object && Text(change, "field") is { } field && fields.Contains(field)
                    && change.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object)
                {
                    yield return (field, value);
                }
            }
        }
    }

    /// <summary>A status of one of Parley's messages, or null when it is not one Parley tracks (e.g. <c>played</c>).</summary>
    public static StatusEvent? Status(JsonElement status, string channelId, string messageId, DateTimeOffset now, PriceTable prices)
    {
        if (!MessageStatusNames.TryParse(Text(status, "status"), out var state) || state == MessageStatus.Accepted)
        {
            return null;
        }
        WebhookError? error = null;
        if (status.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
            && errors[0] is { ValueKind: JsonValueKind.Object } first && first.TryGetProperty("code", out var code) && code.TryGetInt32(out var number))
        {
            var details = first.TryGetProperty("error_data", out var data) && data.ValueKind == JsonValueKind.Object ? Text(data, "details") : null;
            var title = Text(first, "title") ?? Text(first, "message") ?? $"Error {number}";
            error = new WebhookError(number, title, details ?? Text(first, "message") ?? title);
        }
        // A status of a group message names the group in recipient_id and, for delivered and read, the participant (Meta,
        // "Groups API": recipient_participant_id; one of Meta's samples spells it participant_recipient_id).
        var participant = Text(status, "recipient_type") == "group" ? Text(status, "recipient_participant_id") ?? Text(status, "participant_recipient_id") : null;
        return new StatusEvent(channelId, Time(status, now), messageId, state, error, Pricing(status, prices, participant), Text(status, "recipient_user_id"), participant);
    }

    /// <summary>
    /// An inbound message as Parley's event; <c>context.id</c> naming one of Parley's messages by Meta's wamid is
    /// rewritten to Parley's id. The sender is the <c>contacts[]</c> item of its <c>from</c> / <c>from_user_id</c>: a
    /// user who keeps their number from the business has no <c>from</c> (Meta, "Business-scoped user IDs"). A system
    /// message of a change of number or BSUID names the new identities in <c>system</c> and the previous ones in
    /// <c>from</c>, <c>from_user_id</c> and <c>system.previous_user_id</c>.
    /// </summary>
    public static InboundEvent? Inbound(JsonElement message, string channelId, IReadOnlyDictionary<string, WhatsAppUser> contacts, IReadOnlyDictionary<string, string> parleyIds, DateTimeOffset now)
    {
        var from = Text(message, "from");
        var fromUserId = Text(message, "from_user_id");
        if (Text(message, "id") is not { } id || (from ?? fromUserId) is not { } identity)
        {
            return null;
        }
        var node = JsonNode.Parse(message.GetRawText())!.AsObject();
        if (node["context"] is JsonObject context && context["id"] is JsonValue contextId && contextId.TryGetValue<string>(out var upstream)
            && parleyIds.TryGetValue(upstream, out var parleyId))
        {
            context["id"] = parleyId;
        }
        var type = Canonical(node, Text(message, "type"));
        var user = (fromUserId is null ? null : contacts.GetValueOrDefault(fromUserId)) ?? (from is null ? null : contacts.GetValueOrDefault(from))
            ?? new WhatsAppUser(from, fromUserId, Text(message, "from_parent_user_id"), null, "");
        user = user with { WaId = user.WaId ?? from, UserId = user.UserId ?? fromUserId };
        if (type == "system" && message.TryGetProperty("system", out var system) && system.ValueKind == JsonValueKind.Object
            && Text(system, "type") is "user_changed_number" or "user_changed_user_id")
        {
            var changed = user with
            {
                WaId = Text(system, "wa_id") ?? Text(system, "new_wa_id") ?? user.WaId,
                UserId = Text(system, "user_id") ?? user.UserId,
                ParentUserId = Text(system, "parent_user_id") ?? user.ParentUserId,
            };
            string?[] previous = [from, fromUserId, Text(system, "previous_user_id"), Text(system, "previous_parent_user_id"), user.ParentUserId];
            return new InboundEvent(channelId, Time(message, now), id, changed, type, node.ToJsonString(),
                [.. previous.OfType<string>().Distinct(StringComparer.Ordinal)]);
        }
        // A participant's post in a group names the group (Meta, "Groups API": group_id); from stays the participant.
        return new InboundEvent(channelId, Time(message, now), id, user, type, node.ToJsonString(), GroupId: Text(message, "group_id"));
    }

    /// <summary>
    /// Meta's webhook of any version in the newest shape (<see cref="Parley.Core.Versions.GraphVersions"/>): a message
    /// of type <c>unknown</c> (before v25.0), or of no type, is <c>unsupported</c>; a <c>user_changed_number</c> system
    /// message's new number is <c>system.wa_id</c> (before v25.0 also <c>new_wa_id</c>).
    /// </summary>
    private static string Canonical(JsonObject message, string? type)
    {
        if (type is null or "unknown" or "unsupported")
        {
            message["type"] = "unsupported";
            if (message["unsupported"] is not JsonObject)
            {
                message["unsupported"] = new JsonObject { ["type"] = "unknown" };
            }
            return "unsupported";
        }
        if (type == "system" && message["system"] is JsonObject system && system["new_wa_id"] is { } newWaId)
        {
            system["wa_id"] ??= newWaId.DeepClone();
            system.Remove("new_wa_id");
        }
        return type;
    }

    /// <summary>The wamids of Parley's messages an inbound message's <c>context</c> may name.</summary>
    public static string? ContextId(JsonElement message) =>
        message.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object ? Text(context, "id") : null;

    public static DateTimeOffset Time(JsonElement item, DateTimeOffset now) =>
        long.TryParse(Text(item, "timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : now;

    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// Meta's PMP <c>pricing</c> object (any category, including <c>authentication_international</c>, <c>marketing_lite</c>
    /// and <c>referral_conversion</c>), the <c>conversation</c> object Meta keeps only for free entry point conversations,
    /// and the price of the category in the recipient's market from the price table (Meta's status carries no figure).
    /// </summary>
    /// <param name="participant">For a group message: the participant the status is of, whose market prices it (Meta charges per participant).</param>
    private static ConversationPricing? Pricing(JsonElement status, PriceTable prices, string? participant)
    {
        if (!status.TryGetProperty("pricing", out var pricing) || pricing.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var conversation = status.TryGetProperty("conversation", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        DateTimeOffset? expires = conversation.ValueKind == JsonValueKind.Object
            && long.TryParse(Text(conversation, "expiration_timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds is > 0 and < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
        var type = Text(pricing, "type") ?? PricingTypes.Regular;
        // billable is deprecated; where Meta leaves it out, a regular message is the charged one.
        var billable = pricing.TryGetProperty("billable", out var b) && b.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? b.ValueKind == JsonValueKind.True
            : type == PricingTypes.Regular;
        var entryPoint = Text(conversation, "id") is { } id ? new EntryPointConversation(id, expires) : null;
        return MessagePricing.Price(Text(pricing, "category") ?? PricingCategories.Service, type, billable, participant ?? Text(status, "recipient_id") ?? "",
            prices, entryPoint, Text(pricing, "pricing_model") ?? "PMP");
    }

    private static List<JsonElement> Array(JsonElement value, string name) =>
        value.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).ToList()
            : [];

    /// <summary><c>contacts[]</c>: <c>profile {name, username}</c>, <c>wa_id</c> (when the number is shared), <c>user_id</c>, <c>parent_user_id</c>.</summary>
    private static Dictionary<string, WhatsAppUser> Contacts(JsonElement value)
    {
        var users = new Dictionary<string, WhatsAppUser>(StringComparer.Ordinal);
        foreach (var contact in Array(value, "contacts"))
        {
            var profile = contact.TryGetProperty("profile", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var user = new WhatsAppUser(Text(contact, "wa_id"), Text(contact, "user_id"), Text(contact, "parent_user_id"),
                Text(profile, "username"), Text(profile, "name") ?? "");
            foreach (var identity in new[] { user.WaId, user.UserId }.OfType<string>())
            {
                users.TryAdd(identity, user);
            }
        }
        return users;
    }
}
