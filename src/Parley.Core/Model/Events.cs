namespace Parley.Core.Model;

/// <summary>
/// Something the WhatsApp network reports about a channel: a status of a message Parley sent, or a message a
/// user sent. Upstreams produce these; ingest applies them and fans them out to webhooks.
/// </summary>
public abstract record UpstreamEvent(string ChannelId, DateTimeOffset At);

/// <summary>A status update of an outbound message.</summary>
/// <param name="Error">For <see cref="MessageStatus.Failed"/>: the WhatsApp error, as a webhook error object.</param>
/// <param name="Pricing">The Cloud API <c>conversation</c> and <c>pricing</c> objects, when the status carries them.</param>
public sealed record StatusEvent(
    string ChannelId,
    DateTimeOffset At,
    string MessageId,
    MessageStatus Status,
    WebhookError? Error = null,
    ConversationPricing? Pricing = null) : UpstreamEvent(ChannelId, At);

/// <summary>A message a WhatsApp user sent to the channel.</summary>
/// <param name="Message">The Cloud API inbound message object (<c>from</c>, <c>id</c>, <c>timestamp</c>, <c>type</c>, …) as JSON.</param>
public sealed record InboundEvent(
    string ChannelId,
    DateTimeOffset At,
    string MessageId,
    string From,
    string ProfileName,
    string Type,
    string Message) : UpstreamEvent(ChannelId, At);

/// <summary>The webhook variant of a WhatsApp error: <c>{code, title, message, error_data{details}, href}</c>.</summary>
public sealed record WebhookError(int Code, string Title, string Details)
{
    public const string Href = "/documentation/business-messaging/whatsapp/support/error-codes";

    public static WebhookError From(Errors.WhatsAppError error) => new(error.Code, error.Title, error.Details);
}

/// <summary>
/// What a status carries about billing under per-message pricing: the <c>pricing</c> object (<c>pricing_model</c>,
/// <c>category</c>, <c>type</c>, the deprecated <c>billable</c> Meta still sends), plus what Parley records with it: the
/// recipient's market and the price from the price table. <paramref name="Conversation"/> is only for a message in a
/// free entry point conversation, the one case Meta still sends the <c>conversation</c> object for.
/// </summary>
public sealed record ConversationPricing(
    string Category,
    string PricingType,
    bool Billable,
    string Country,
    decimal Price,
    string Currency,
    EntryPointConversation? Conversation = null,
    string PricingModel = "PMP");

/// <summary>A free entry point conversation: its id and, on <c>sent</c>, when it expires.</summary>
public sealed record EntryPointConversation(string Id, DateTimeOffset? ExpiresAt);
