using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Core.Model;

/// <summary>
/// Renders canonical events: the pieces of a Cloud API webhook <c>value</c> object. A status becomes one
/// <c>statuses[]</c> item; an inbound message becomes <c>{"contact": contacts[] item, "message": messages[] item}</c>.
/// Every dialect's webhook format is a mapping of these.
/// </summary>
public static class CanonicalEvents
{
    public static string Status(StatusEvent status, string recipientId, string recipientType, string? bizOpaqueCallbackData)
    {
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", status.MessageId);
            w.WriteString("status", status.Status.ToWire());
            w.WriteString("timestamp", UnixSeconds(status.At));
            w.WriteString("recipient_id", recipientId);
            if (recipientType == "group")
            {
                w.WriteString("recipient_type", "group");
            }
            if (bizOpaqueCallbackData is not null)
            {
                w.WriteString("biz_opaque_callback_data", bizOpaqueCallbackData);
            }
            if (status.Pricing is { } pricing)
            {
                WritePricing(w, pricing);
            }
            if (status.Error is { } error)
            {
                w.WriteStartArray("errors");
                WriteError(w, error);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        });
    }

    /// <summary>The <c>conversation</c> object (free entry point conversations only) and the PMP <c>pricing</c> object.</summary>
    private static void WritePricing(Utf8JsonWriter w, ConversationPricing pricing)
    {
        if (pricing.Conversation is { } conversation)
        {
            w.WriteStartObject("conversation");
            w.WriteString("id", conversation.Id);
            if (conversation.ExpiresAt is { } expires)
            {
                w.WriteString("expiration_timestamp", UnixSeconds(expires));
            }
            w.WriteStartObject("origin");
            w.WriteString("type", pricing.Category);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteStartObject("pricing");
        w.WriteBoolean("billable", pricing.Billable);
        w.WriteString("pricing_model", pricing.PricingModel);
        w.WriteString("type", pricing.PricingType);
        w.WriteString("category", pricing.Category);
        w.WriteEndObject();
    }

    public static string Inbound(InboundEvent inbound)
    {
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("contact");
            w.WriteStartObject("profile");
            w.WriteString("name", inbound.ProfileName);
            w.WriteEndObject();
            w.WriteString("wa_id", inbound.From);
            w.WriteEndObject();
            w.WritePropertyName("message");
            w.WriteRawValue(inbound.Message);
            w.WriteEndObject();
        });
    }

    public static void WriteError(Utf8JsonWriter w, WebhookError error)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(error);
        w.WriteStartObject();
        w.WriteNumber("code", error.Code);
        w.WriteString("title", error.Title);
        w.WriteString("message", error.Title);
        w.WriteStartObject("error_data");
        w.WriteString("details", error.Details);
        w.WriteEndObject();
        w.WriteString("href", WebhookError.Href);
        w.WriteEndObject();
    }

    public static string ErrorJson(WebhookError error) => Write(w => WriteError(w, error));

    public static string UnixSeconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
