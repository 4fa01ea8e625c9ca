using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Parley.Core.Users;

namespace Parley.Core.Model;

/// <summary>
/// Renders canonical events: the pieces of a Cloud API webhook <c>value</c> object. A status becomes one
/// <c>statuses[]</c> item; an inbound message becomes <c>{"contact": contacts[] item, "message": messages[] item}</c>.
/// Every dialect's webhook format is a mapping of these.
/// </summary>
public static class CanonicalEvents
{
    /// <summary>
    /// A <c>statuses[]</c> item. The recipient is named as Meta names it (Meta, "Business-scoped user IDs"):
    /// <c>recipient_id</c> is the phone number, present only when it is known; <c>recipient_user_id</c> is the BSUID,
    /// present when known — except on a failed status of a message sent to a phone number.
    /// </summary>
    /// <param name="peer">The stored recipient of the message: a phone number, a BSUID or a group id.</param>
    /// <param name="user">What the channel knows of the recipient (null: nothing beyond <paramref name="peer"/>).</param>
    public static string Status(StatusEvent status, string peer, WhatsAppUser? user, string recipientType, string? bizOpaqueCallbackData)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(peer);
        var sentToBsuid = recipientType != "group" && Bsuid.IsValid(peer);
        var recipientId = recipientType == "group" ? peer : sentToBsuid ? user?.WaId : peer;
        var recipientUserId = recipientType == "group" ? null : sentToBsuid ? peer : user?.UserId ?? status.RecipientUserId;
        if (status.Status == MessageStatus.Failed && !sentToBsuid)
        {
            recipientUserId = null;
        }
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", status.MessageId);
            w.WriteString("status", status.Status.ToWire());
            w.WriteString("timestamp", UnixSeconds(status.At));
            if (recipientId is not null)
            {
                w.WriteString("recipient_id", recipientId);
            }
            if (recipientUserId is not null)
            {
                w.WriteString("recipient_user_id", recipientUserId);
            }
            if (user?.ParentUserId is { } parent && recipientUserId is not null)
            {
                w.WriteString("recipient_parent_user_id", parent);
            }
            if (recipientType == "group")
            {
                w.WriteString("recipient_type", "group");
                // The participant as Meta names them: the number when known, and the BSUID (Meta, "Business-scoped user IDs").
                if (status.ParticipantId is { } participant)
                {
                    if (!Bsuid.IsValid(participant))
                    {
                        w.WriteString("recipient_participant_id", participant);
                    }
                    if ((Bsuid.IsValid(participant) ? participant : status.RecipientUserId) is { } participantUserId)
                    {
                        w.WriteString("recipient_participant_user_id", participantUserId);
                    }
                }
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
            w.WritePropertyName("contact");
            WriteContact(w, inbound.User);
            w.WritePropertyName("message");
            w.WriteRawValue(inbound.Message);
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// A webhook <c>contacts[]</c> item: <c>profile {name, username}</c>, <c>wa_id</c> (only when the phone number is
    /// known), <c>user_id</c>, <c>parent_user_id</c> (Meta, "Business-scoped user IDs").
    /// </summary>
    public static void WriteContact(Utf8JsonWriter w, WhatsAppUser user)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(user);
        w.WriteStartObject();
        w.WriteStartObject("profile");
        w.WriteString("name", user.ProfileName);
        if (user.Username is not null)
        {
            w.WriteString("username", user.Username);
        }
        w.WriteEndObject();
        if (user.WaId is not null)
        {
            w.WriteString("wa_id", user.WaId);
        }
        if (user.UserId is not null)
        {
            w.WriteString("user_id", user.UserId);
        }
        if (user.ParentUserId is not null)
        {
            w.WriteString("parent_user_id", user.ParentUserId);
        }
        w.WriteEndObject();
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

    /// <summary>The JSON text <paramref name="write"/> writes.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
