using Parley.Core.Users;

namespace Parley.Core.Model;

/// <summary>
/// Something the WhatsApp network reports about a channel: a status of a message Parley sent, or a message a
/// user sent. Upstreams produce these; ingest applies them and fans them out to webhooks.
/// </summary>
public abstract record UpstreamEvent(string ChannelId, DateTimeOffset At);

/// <summary>A status update of an outbound message.</summary>
/// <param name="Error">For <see cref="MessageStatus.Failed"/>: the WhatsApp error, as a webhook error object.</param>
/// <param name="Pricing">The Cloud API <c>conversation</c> and <c>pricing</c> objects, when the status carries them.</param>
/// <param name="RecipientUserId">The recipient's BSUID, when the network names it (<c>recipient_user_id</c>).</param>
/// <param name="ParticipantId">For a message sent to a group: the participant this status is of (<c>recipient_participant_id</c>).</param>
public sealed record StatusEvent(
    string ChannelId,
    DateTimeOffset At,
    string MessageId,
    MessageStatus Status,
    WebhookError? Error = null,
    ConversationPricing? Pricing = null,
    string? RecipientUserId = null,
    string? ParticipantId = null) : UpstreamEvent(ChannelId, At);

/// <summary>A message a WhatsApp user sent to the channel.</summary>
/// <param name="User">Who sent it: the <c>contacts[]</c> item of the webhook (phone number and/or BSUID, username, profile name).</param>
/// <param name="Message">The Cloud API inbound message object (<c>from</c>, <c>from_user_id</c>, <c>id</c>, <c>timestamp</c>, <c>type</c>, …) as JSON.</param>
/// <param name="GroupId">For a message a participant posted in a group: the group (the message's <c>group_id</c>); null otherwise.</param>
/// <param name="PreviousIdentities">
/// For the system messages <c>user_changed_number</c> and <c>user_changed_user_id</c>: the identities the user had
/// before (old phone number, old BSUID), which stay the same conversation as <paramref name="User"/>'s new ones.
/// </param>
public sealed record InboundEvent(
    string ChannelId,
    DateTimeOffset At,
    string MessageId,
    WhatsAppUser User,
    string Type,
    string Message,
    IReadOnlyList<string>? PreviousIdentities = null,
    string? GroupId = null) : UpstreamEvent(ChannelId, At)
{
    /// <summary>The sender's identity: the phone number when known, the BSUID otherwise.</summary>
    public string From => User.Peer;

    /// <summary>The chat the message is stored in: the group for a group message, else the sender (<see cref="From"/>).</summary>
    public string Peer => GroupId ?? From;

    /// <summary>The stored <c>recipient_type</c> of the chat: <c>group</c> or <c>individual</c>.</summary>
    public string ChatType => GroupId is null ? "individual" : "group";

    /// <summary>Every identity of the user this event makes known: the current ones and, for a change, the previous ones.</summary>
    public IEnumerable<string> Identities => User.Identities.Concat(PreviousIdentities ?? []);
}

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
