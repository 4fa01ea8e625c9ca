using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Parley.Core.Model;
using Parley.Server.Delivery.Webhooks;
using Parley.Storage;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// 1msg's webhook (digest A.11): messages as <c>{instanceId, messages[]}</c>, status changes as <c>{instanceId, ack[]}</c>.
/// <c>messages[]</c> holds inbound messages (<c>fromMe: false</c>) and echoes of the channel's outgoing messages
/// (<c>fromMe: true, self: 1</c>), since 1msg's messages webhook "fires for every incoming and outgoing message, including
/// echoes of API sends". A batch holding both arrays is posted as one object (1msg tells them apart by which array is
/// present). Group events (<see cref="EventKinds.Groups"/>), which 1msg's webhook carries but does not document, go as
/// <c>{instanceId, groupEvents[]}</c> (<see cref="OneMsgGroupEvents"/>). A participant's message in a group is in the
/// group's chat (<c>chatId: "…@g.us"</c>) with the participant as <c>author</c>; acks of a message sent to a group are
/// in the group's chat, with the participant a delivered or read ack is of as <c>phone</c>. Other kinds (template
/// status updates) are not posted to 1msg subscriptions.
/// </summary>
/// <remarks>
/// An echo (<see cref="EventKinds.Echoes"/>) is queued when the message is accepted, whichever dialect sent it: in the
/// accept's own transaction, so an accepted message is never left without its echo, and once, since a replayed accept
/// stores nothing. Accepting is also when the message joins the channel's history (<c>GET /messages</c>), so every
/// message the history shows as <c>fromMe</c> was echoed, including one that fails later (its ack says so). The echo
/// is rendered from the stored message when it is delivered, by the history's own mapping, with the message number the
/// history gives it. <c>ackNotificationsOn</c> governs only <c>ack[]</c>. Echoes are an opt-in kind: since this format
/// renders them, a subscription of it that takes messages is stored with <c>message_echoes</c> in its filter
/// (<see cref="EventFilter.WithDefaults"/>), and that filter is what storage fans echoes out by.
/// </remarks>
internal sealed class OneMsgWebhookFormat(IMessageHistoryStore history) : IWebhookFormat
{
    public const string FormatName = "onemsg";

    /// <summary>The kinds this format renders (<see cref="Kinds"/>), for the filters of the subscriptions the dialect makes.</summary>
    public static readonly IReadOnlySet<string> Rendered =
        new HashSet<string>([EventKinds.Messages, EventKinds.Echoes, EventKinds.Statuses, EventKinds.ParticipantStatuses, .. EventKinds.Groups], StringComparer.Ordinal);

    public string Name => FormatName;

    public IReadOnlySet<string> Kinds => Rendered;

    /// <summary>Turns each echo's <c>{"id"}</c> into its rendered <c>messages[]</c> item; an echo of a message no longer stored is left out.</summary>
    public async ValueTask<IReadOnlyList<OutboxEvent>> PrepareAsync(Channel channel, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(events);
        if (!events.Any(e => e.Kind == EventKinds.Echoes))
        {
            return events;
        }
        var prepared = new List<OutboxEvent>(events.Count);
        foreach (var item in events)
        {
            if (item.Kind != EventKinds.Echoes)
            {
                prepared.Add(item);
                continue;
            }
            using var document = JsonDocument.Parse(item.Payload);
            var id = document.RootElement.GetProperty("id").GetString();
            var found = await history.ListNumberedAsync(new NumberedMessageQuery(channel.PhoneNumberId, MessageId: id, Limit: 1), cancellationToken);
            if (found.Count == 1)
            {
                prepared.Add(item with { Payload = OneMsgMessageView.Item(found[0], channel, isForwarded: false).ToJsonString() });
            }
        }
        return prepared;
    }

    public byte[] Render(Channel channel, IReadOnlyList<OutboxEvent> events)
    {
        var messages = events.Where(e => e.Kind is EventKinds.Messages or EventKinds.Echoes).ToList();
        var statuses = events.Where(e => e.Kind is EventKinds.Statuses or EventKinds.ParticipantStatuses).ToList();
        var groupEvents = events.Where(e => EventKinds.Groups.Contains(e.Kind)).ToList();
        var buffer = new ArrayBufferWriter<byte>(384 * events.Count);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("instanceId", channel.PhoneNumberId);
            if (messages.Count > 0)
            {
                w.WriteStartArray("messages");
                messages.ForEach(e => WriteMessage(w, e));
                w.WriteEndArray();
            }
            if (statuses.Count > 0)
            {
                w.WriteStartArray("ack");
                statuses.ForEach(e => WriteAck(w, e.Payload));
                w.WriteEndArray();
            }
            if (groupEvents.Count > 0)
            {
                w.WriteStartArray("groupEvents");
                groupEvents.ForEach(e => OneMsgGroupEvents.Write(w, e.Payload));
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An echo as <see cref="PrepareAsync"/> rendered it, or an inbound message.</summary>
    private static void WriteMessage(Utf8JsonWriter w, OutboxEvent item)
    {
        if (item.Kind == EventKinds.Echoes)
        {
            w.WriteRawValue(item.Payload);
        }
        else
        {
            WriteInbound(w, item.Payload);
        }
    }

    /// <summary>An inbound <c>{contact, message}</c> → a 1msg message item: in the sender's chat, or in the group's when posted in a group.</summary>
    private static void WriteInbound(Utf8JsonWriter w, string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var message = root.GetProperty("message");
        var from = OneMsgMessageView.Sender(message) ?? "";
        var author = OneMsgRecipient.ChatId(from);
        var groupId = OneMsgMessageView.GroupOf(message);
        var chatId = groupId is null ? author : OneMsgRecipient.ChatId(groupId, isGroup: true);
        var content = OneMsgMessageView.From(message);
        w.WriteStartObject();
        w.WriteString("id", message.GetProperty("id").GetString());
        w.WriteString("body", content.Body);
        w.WriteBoolean("fromMe", false);
        w.WriteNumber("self", 0);
        w.WriteBoolean("isForwarded", message.TryGetProperty("context", out var context) && context.TryGetProperty("forwarded", out var forwarded) && forwarded.ValueKind == JsonValueKind.True);
        w.WriteString("author", author);
        w.WriteNumber("time", Seconds(message, "timestamp"));
        w.WriteString("chatId", chatId);
        if (root.TryGetProperty("message_number", out var number))
        {
            w.WriteNumber("messageNumber", number.GetInt64());
        }
        w.WriteString("type", content.Type);
        if (content.Type == "request_welcome")
        {
            // A user opened the chat for the first time (docs/automation.md): 1msg marks it in meta (digest A.11, MCP).
            w.WriteStartObject("meta");
            w.WriteBoolean("request_welcome", true);
            w.WriteEndObject();
        }
        w.WriteString("senderName", root.GetProperty("contact").TryGetProperty("profile", out var profile) && profile.TryGetProperty("name", out var name) ? name.GetString() : from);
        WriteNullable(w, "caption", content.Caption);
        WriteNullable(w, "quotedMsgId", content.QuotedMsgId);
        w.WriteString("chatName", groupId ?? from);
        w.WriteEndObject();
    }

    /// <summary>
    /// A canonical <c>statuses[]</c> item → a 1msg ack: <c>read</c> is 1msg's <c>viewed</c>; a failure carries its reason
    /// as text. An ack of a group message is in the group's chat; <c>phone</c> is the participant it is of, when it is
    /// one participant's (delivered, read), else the group.
    /// </summary>
    private static void WriteAck(Utf8JsonWriter w, string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var status = document.RootElement;
        // Sent by BSUID to a user whose number is unknown: no recipient_id, only recipient_user_id.
        var recipient = (status.TryGetProperty("recipient_id", out var id) ? id.GetString() : null)
            ?? (status.TryGetProperty("recipient_user_id", out var userId) ? userId.GetString() : null) ?? "";
        var isGroup = status.TryGetProperty("recipient_type", out var type) && type.GetString() == "group";
        var wire = status.GetProperty("status").GetString();
        w.WriteStartObject();
        w.WriteString("id", status.GetProperty("id").GetString());
        w.WriteString("chatId", OneMsgRecipient.ChatId(recipient, isGroup));
        w.WriteString("status", wire == "read" ? "viewed" : wire);
        w.WriteString("phone", isGroup && status.TryGetProperty("recipient_participant_id", out var participant) ? participant.GetString() : recipient);
        w.WriteNumber("time", Seconds(status, "timestamp"));
        if (status.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
        {
            var error = errors[0];
            var details = error.TryGetProperty("error_data", out var data) && data.TryGetProperty("details", out var d) ? d.GetString() : null;
            w.WriteString("error", $"{error.GetProperty("title").GetString()} ({error.GetProperty("code").GetInt32()}){(details is { Length: > 0 } ? ": " + details : "")}");
        }
        w.WriteEndObject();
    }

    private static long Seconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
