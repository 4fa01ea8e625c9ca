using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Model;
using Parley.Core.Versions;
using Parley.Storage;

using Parley.Server.Delivery.Webhooks;

namespace Parley.Server.Dialects.CloudApi;

/// <summary>
/// Meta's webhook envelope: <c>{object, entry[{id: WABA id, changes[{field: "messages", value}]}]}</c>. Statuses of a
/// batch share one <c>value.statuses</c>; inbound messages share one <c>value</c> with their <c>contacts</c>.
/// Non-ASCII is escaped (<c>\u00e4</c>), as Meta signs it. Events are stored in the newest shapes; a subscription of
/// an older Graph version gets its version's (<see cref="GraphVersions"/>): <c>unknown</c> for <c>unsupported</c>
/// before v25.0, and <c>system.new_wa_id</c> beside <c>system.wa_id</c> in <c>user_changed_number</c> before v25.0.
/// Group events (<see cref="EventKinds.Groups"/>) go as one change per field, <c>{field: "group_…_update", value:
/// {messaging_product, metadata, groups[]}}</c>, with the batch's items of that field (Meta, "Webhooks for Groups API").
/// </summary>
internal sealed class CloudApiWebhookFormat : IWebhookFormat
{
    public const string FormatName = "cloudapi";

    public string Name => FormatName;

    public IReadOnlySet<string> Kinds { get; } = new HashSet<string>(
        [EventKinds.Messages, EventKinds.Statuses, EventKinds.ParticipantStatuses, EventKinds.TemplateStatus, EventKinds.Flows, .. EventKinds.Groups], StringComparer.Ordinal);

    /// <summary>The group fields in the order their changes are written.</summary>
    private static readonly string[] GroupFields = [EventKinds.GroupLifecycle, EventKinds.GroupParticipants, EventKinds.GroupSettings, EventKinds.GroupStatus];

    public byte[] Render(Channel channel, IReadOnlyList<OutboxEvent> events) => Render(channel, events, GraphVersions.Newest);

    public byte[] Render(WebhookSubscription subscription, Channel channel, IReadOnlyList<OutboxEvent> events) =>
        Render(channel, events, GraphVersions.Find(subscription.GraphVersion) ?? GraphVersions.Newest);

    private static byte[] Render(Channel channel, IReadOnlyList<OutboxEvent> events, GraphVersion version)
    {
        var buffer = new ArrayBufferWriter<byte>(512 * events.Count);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("object", "whatsapp_business_account");
            w.WriteStartArray("entry");
            w.WriteStartObject();
            w.WriteString("id", channel.AccountId);
            w.WriteStartArray("changes");
            WriteChange(w, channel, events, EventKinds.Messages, version);
            WriteChange(w, channel, events, EventKinds.Statuses, version);
            WriteAccountChanges(w, events, EventKinds.TemplateStatus);
            WriteAccountChanges(w, events, EventKinds.Flows);
            foreach (var field in GroupFields)
            {
                WriteGroupChange(w, channel, events, field);
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A WABA's events of one field, one change each, <c>{field, value}</c>: template status updates
    /// (<c>message_template_status_update</c>, digest §3.7) and flow events (<c>flows</c>, Meta "Flows webhooks").
    /// </summary>
    private static void WriteAccountChanges(Utf8JsonWriter w, IReadOnlyList<OutboxEvent> events, string field)
    {
        foreach (var item in events.Where(e => e.Kind == field))
        {
            w.WriteStartObject();
            w.WriteString("field", field);
            w.WritePropertyName("value");
            w.WriteRawValue(item.Payload);
            w.WriteEndObject();
        }
    }

    /// <summary>The batch's group events of one field: <c>{field, value: {messaging_product, metadata, groups[]}}</c>.</summary>
    private static void WriteGroupChange(Utf8JsonWriter w, Channel channel, IReadOnlyList<OutboxEvent> events, string field)
    {
        var items = events.Where(e => e.Kind == field).ToList();
        if (items.Count == 0)
        {
            return;
        }
        w.WriteStartObject();
        w.WriteString("field", field);
        w.WriteStartObject("value");
        WriteValueHeader(w, channel);
        w.WriteStartArray("groups");
        items.ForEach(e => w.WriteRawValue(e.Payload));
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteValueHeader(Utf8JsonWriter w, Channel channel)
    {
        w.WriteString("messaging_product", "whatsapp");
        w.WriteStartObject("metadata");
        w.WriteString("display_phone_number", channel.DisplayPhoneNumber);
        w.WriteString("phone_number_id", channel.PhoneNumberId);
        w.WriteEndObject();
    }

    private static bool IsSystem(JsonElement inbound) =>
        inbound.GetProperty("message").TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "system";

    private static string? Identity(JsonElement contact, string name) =>
        contact.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void WriteChange(Utf8JsonWriter w, Channel channel, IReadOnlyList<OutboxEvent> events, string kind, GraphVersion version)
    {
        var ofKind = events.Where(e => e.Kind == kind || (kind == EventKinds.Statuses && e.Kind == EventKinds.ParticipantStatuses)).ToList();
        if (ofKind.Count == 0)
        {
            return;
        }
        w.WriteStartObject();
        w.WriteString("field", "messages");
        w.WriteStartObject("value");
        WriteValueHeader(w, channel);
        if (kind == EventKinds.Statuses)
        {
            w.WriteStartArray("statuses");
            foreach (var item in ofKind)
            {
                w.WriteRawValue(item.Payload);
            }
            w.WriteEndArray();
        }
        else
        {
            var inbound = ofKind.Select(e => JsonDocument.Parse(e.Payload)).ToList();
            try
            {
                // One contact per user (a user without a shared number has no wa_id); system messages have none.
                var contacts = inbound.Where(d => !IsSystem(d.RootElement)).Select(d => d.RootElement.GetProperty("contact"))
                    .DistinctBy(c => Identity(c, "user_id") ?? Identity(c, "wa_id")).ToList();
                if (contacts.Count > 0)
                {
                    w.WriteStartArray("contacts");
                    contacts.ForEach(c => c.WriteTo(w));
                    w.WriteEndArray();
                }
                w.WriteStartArray("messages");
                foreach (var doc in inbound)
                {
                    WriteMessage(w, doc.RootElement.GetProperty("message"), version);
                }
                w.WriteEndArray();
            }
            finally
            {
                inbound.ForEach(d => d.Dispose());
            }
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>An inbound message in the shape of the subscription's version; most messages are the same in every version.</summary>
    private static void WriteMessage(Utf8JsonWriter w, JsonElement message, GraphVersion version)
    {
        var type = message.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var older = type switch
        {
            "unsupported" => !GraphVersions.HasUnsupportedMessageType(version),
            "system" => GraphVersions.HasNewWaId(version),
            _ => false,
        };
        if (!older)
        {
            message.WriteTo(w);
            return;
        }
        var node = JsonNode.Parse(message.GetRawText())!.AsObject();
        if (type == "unsupported")
        {
            node["type"] = "unknown";
            node.Remove("unsupported");
        }
        else if (node["system"] is JsonObject system && system["type"]?.GetValueKind() == JsonValueKind.String
            && system["type"]!.GetValue<string>() == "user_changed_number" && system["wa_id"] is { } waId)
        {
            system["new_wa_id"] = waId.DeepClone();
        }
        node.WriteTo(w);
    }
}
