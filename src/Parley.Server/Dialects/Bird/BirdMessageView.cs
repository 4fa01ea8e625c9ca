using System.Globalization;
using System.Text.Json.Nodes;
using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Dialects.Bird;

/// <summary>A Channels message with everything its view needs: the canonical parts in order and their histories.</summary>
/// <param name="Record">Set when the message was sent through this dialect (its request is echoed).</param>
internal sealed record BirdMessage(
    string Id, BirdMessageRecord? Record, IReadOnlyList<StoredMessage> Parts, IReadOnlyList<IReadOnlyList<StatusChange>> Histories)
{
    public StoredMessage First => Parts[0];

    public bool Incoming => First.Direction == MessageDirection.Inbound;

    public string Status => Incoming
        ? BirdStatus.Delivered // incoming messages are created delivered (digest B.9)
        : BirdStatus.Aggregate([.. Parts.Select((p, i) => BirdStatus.PartOf(p, Histories[i]))]);
}

/// <summary>
/// Renders the Channels <c>Message</c> object (dialects digest B.7) — the 202 answer, the reads and the webhook
/// payloads all use it.
/// </summary>
internal static class BirdMessageView
{
    /// <param name="channelUuid">The channel's Channels id.</param>
    /// <param name="username">The sender's username, for an incoming message whose webhook carries it.</param>
    public static JsonObject Render(Channel channel, string channelUuid, BirdMessage message, string? status = null, DateTimeOffset? lastStatusAt = null, string? username = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(message);
        var first = message.First;
        var connector = new JsonObject { ["connector"] = new JsonObject { ["id"] = channelUuid, ["identifierValue"] = "+" + channel.DisplayPhoneNumber } };
        var canonical = JsonNode.Parse(first.Payload) as JsonObject;
        var groupId = GroupOf(first, canonical);
        var contact = ContactOf(channel.PhoneNumberId, first, canonical);
        var json = new JsonObject
        {
            ["id"] = message.Id,
            ["channelId"] = channelUuid,
            ["sender"] = message.Incoming ? new JsonObject { ["contact"] = contact } : connector,
            ["receiver"] = message.Incoming ? connector.DeepClone() : new JsonObject { ["contacts"] = new JsonArray(contact) },
        };
        var echo = message.Record is null ? null : JsonNode.Parse(message.Record.Request) as JsonObject;
        if (echo?["template"] is { } template)
        {
            json["template"] = template.DeepClone();
        }
        else
        {
            json["body"] = echo?["body"]?.DeepClone() ?? BirdBodyFromCanonical.Map(first.Type, canonical!);
        }
        json["reference"] = message.Record?.Reference ?? "";
        foreach (var name in new[] { "replyTo", "meta", "tags" })
        {
            if (echo?[name] is { } value)
            {
                json[name] = value.DeepClone();
            }
        }
        if (message.Incoming)
        {
            // The sender's BSUID is in the stored message (from_user_id); their username only in the webhook (username).
            json["meta"] = new JsonObject { ["extraInformation"] = BirdContacts.ExtraInformation(first.CreatedAt, Text(canonical, "from_user_id"), username, groupId) };
            if (first.Type == "request_welcome")
            {
                // A user opened the chat for the first time (docs/automation.md): an empty text marked in extraInformation.
                json["meta"]!["extraInformation"]!["request_welcome"] = "true";
            }
        }
        status ??= message.Status;
        json["status"] = status;
        json["reason"] = "";
        json["direction"] = message.Incoming ? "incoming" : "outgoing";
        json["parts"] = new JsonArray([.. message.Parts.Select(p => (JsonNode)new JsonObject { ["platformReference"] = p.Id })]);
        if (status is BirdStatus.SendingFailed or BirdStatus.DeliveryFailed)
        {
            json["failure"] = Failure(message.Parts.First(p => p.Status == MessageStatus.Failed).ErrorJson, status);
        }
        var updated = message.Parts.Max(p => p.UpdatedAt);
        json["lastStatusAt"] = Time(lastStatusAt ?? updated);
        json["createdAt"] = Time(message.Record?.CreatedAt ?? first.CreatedAt);
        json["updatedAt"] = Time(lastStatusAt is { } at && at > updated ? at : updated);
        return json;
    }

    /// <summary><c>failure {code, description, source {code, name: "whatsapp"}}</c>, both codes the WhatsApp error code (Bird documents no category list).</summary>
    private static JsonObject Failure(string? errorJson, string status)
    {
        var error = errorJson is null ? null : JsonNode.Parse(errorJson) as JsonObject;
        var code = error?["code"]?.GetValue<int>();
        return new JsonObject
        {
            ["code"] = code ?? 0,
            ["description"] = error?["error_data"]?["details"]?.GetValue<string>() ?? error?["title"]?.GetValue<string>() ?? status,
            ["source"] = new JsonObject { ["code"] = code?.ToString(CultureInfo.InvariantCulture) ?? "", ["name"] = "whatsapp" },
        };
    }

    /// <summary>
    /// The contact a message is exchanged with: its sender or its receiver. In a group, an incoming message is its
    /// participant's (the group is named in <c>meta</c>) and an outgoing one is the group's.
    /// </summary>
    public static JsonObject ContactOf(string channelId, StoredMessage message, JsonObject? canonical = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        canonical ??= JsonNode.Parse(message.Payload) as JsonObject;
        return GroupOf(message, canonical) is not { } groupId ? BirdContacts.Of(channelId, message.Peer)
            : message.Direction == MessageDirection.Inbound ? BirdContacts.Of(channelId, Text(canonical, "from") ?? Text(canonical, "from_user_id") ?? message.Peer)
            : BirdContacts.Group(channelId, groupId);
    }

    /// <summary>The group of a message: the group an incoming one was posted in, or the group an outgoing one was sent to.</summary>
    private static string? GroupOf(StoredMessage message, JsonObject? canonical) => message.Direction == MessageDirection.Inbound
        ? Text(canonical, "group_id")
        : Text(canonical, "recipient_type") == "group" ? message.Peer : null;

    private static string? Text(JsonObject? json, string name) =>
        json?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
