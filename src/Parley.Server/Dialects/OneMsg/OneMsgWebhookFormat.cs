using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Parley.Core.Model;
using Parley.Server.Delivery.Webhooks;
using Parley.Storage;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// 1msg's webhook (digest A.11): inbound messages as <c>{instanceId, messages[]}</c>, status changes as
/// <c>{instanceId, ack[]}</c>. A batch holding both is posted as one object with both arrays (1msg tells them apart by
/// which array is present). Events of kinds this format does not render are left out; a batch of only those renders
/// nothing, and nothing is posted.
/// </summary>
internal sealed class OneMsgWebhookFormat : IWebhookFormat
{
    public const string FormatName = "onemsg";

    public string Name => FormatName;

    public byte[] Render(Channel channel, IReadOnlyList<OutboxEvent> events)
    {
        var messages = events.Where(e => e.Kind == EventKinds.Messages).ToList();
        var statuses = events.Where(e => e.Kind == EventKinds.Statuses).ToList();
        if (messages.Count == 0 && statuses.Count == 0)
        {
            return [];
        }
        var buffer = new ArrayBufferWriter<byte>(384 * events.Count);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("instanceId", channel.PhoneNumberId);
            if (messages.Count > 0)
            {
                w.WriteStartArray("messages");
                messages.ForEach(e => WriteMessage(w, e.Payload));
                w.WriteEndArray();
            }
            if (statuses.Count > 0)
            {
                w.WriteStartArray("ack");
                statuses.ForEach(e => WriteAck(w, e.Payload));
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An inbound <c>{contact, message}</c> → a 1msg message item.</summary>
    private static void WriteMessage(Utf8JsonWriter w, string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var message = root.GetProperty("message");
        var from = message.GetProperty("from").GetString() ?? "";
        var chatId = from + "@c.us";
        var content = OneMsgMessageView.From(message);
        w.WriteStartObject();
        w.WriteString("id", message.GetProperty("id").GetString());
        w.WriteString("body", content.Body);
        w.WriteBoolean("fromMe", false);
        w.WriteNumber("self", 0);
        w.WriteBoolean("isForwarded", message.TryGetProperty("context", out var context) && context.TryGetProperty("forwarded", out var forwarded) && forwarded.ValueKind == JsonValueKind.True);
        w.WriteString("author", chatId);
        w.WriteNumber("time", Seconds(message, "timestamp"));
        w.WriteString("chatId", chatId);
        if (root.TryGetProperty("message_number", out var number))
        {
            w.WriteNumber("messageNumber", number.GetInt64());
        }
        w.WriteString("type", content.Type);
        w.WriteString("senderName", root.GetProperty("contact").TryGetProperty("profile", out var profile) && profile.TryGetProperty("name", out var name) ? name.GetString() : from);
        WriteNullable(w, "caption", content.Caption);
        WriteNullable(w, "quotedMsgId", content.QuotedMsgId);
        w.WriteString("chatName", from);
        w.WriteEndObject();
    }

    /// <summary>A canonical <c>statuses[]</c> item → a 1msg ack: <c>read</c> is 1msg's <c>viewed</c>; a failure carries its reason as text.</summary>
    private static void WriteAck(Utf8JsonWriter w, string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var status = document.RootElement;
        var recipient = status.GetProperty("recipient_id").GetString() ?? "";
        var isGroup = status.TryGetProperty("recipient_type", out var type) && type.GetString() == "group";
        var wire = status.GetProperty("status").GetString();
        w.WriteStartObject();
        w.WriteString("id", status.GetProperty("id").GetString());
        w.WriteString("chatId", OneMsgRecipient.ChatId(recipient, isGroup));
        w.WriteString("status", wire == "read" ? "viewed" : wire);
        w.WriteString("phone", recipient);
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
