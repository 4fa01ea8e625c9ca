using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Versions;

namespace Parley.Core.Messages;

/// <summary>What the validator needs to know about the sending channel.</summary>
/// <param name="BusinessPhoneNumber">The channel's own number, digits only (a message to it fails with 131021).</param>
/// <param name="CountryCallingCode">Prepended to a recipient given without <c>+</c> (seed 004, "Phone Number Formats").</param>
/// <param name="Version">The Graph version of the call, for the rules that differ by version; the newest when not given.</param>
public sealed record SenderContext(string BusinessPhoneNumber, string CountryCallingCode, GraphVersion? Version = null);

/// <summary>A request to <c>POST /{version}/{phone-number-id}/messages</c> after validation.</summary>
public abstract record MessageRequest;

/// <summary>A message to send.</summary>
/// <param name="To">Normalized recipient: digits of the WhatsApp id, or the group id for group sends.</param>
/// <param name="Input">The <c>to</c> value exactly as sent (echoed as <c>contacts[].input</c>).</param>
/// <param name="PayloadJson">The canonical Cloud API message object as JSON text, what is stored: as sent, with <c>recipient_type</c> and <c>type</c> filled in and <c>to</c> normalized.</param>
/// <param name="ReactionMessageId">For reactions, the message reacted to.</param>
public sealed record SendMessageRequest(
    string To,
    string Input,
    string RecipientType,
    string Type,
    string PayloadJson,
    string? BizOpaqueCallbackData,
    string? ContextMessageId,
    string? ReactionMessageId) : MessageRequest
{
    private JsonObject? _payload;

    /// <summary>
    /// <see cref="PayloadJson"/> as a JSON object, parsed on first use: only the checks of templates, flows, groups and
    /// products read into a message, so a text send never builds the object.
    /// </summary>
    public JsonObject Payload => _payload ??= JsonNode.Parse(PayloadJson, documentOptions: new JsonDocumentOptions { MaxDepth = Limits.MaxJsonDepth })!.AsObject();

    /// <summary>Two requests are equal when what was sent is; whether <see cref="Payload"/> was parsed yet does not count.</summary>
    public bool Equals(SendMessageRequest? other) =>
        other is not null && To == other.To && Input == other.Input && RecipientType == other.RecipientType && Type == other.Type
        && PayloadJson == other.PayloadJson && BizOpaqueCallbackData == other.BizOpaqueCallbackData
        && ContextMessageId == other.ContextMessageId && ReactionMessageId == other.ReactionMessageId;

    public override int GetHashCode() =>
        HashCode.Combine(To, Input, RecipientType, Type, PayloadJson, BizOpaqueCallbackData, ContextMessageId, ReactionMessageId);
}

/// <summary>Mark an inbound message as read (<c>status: read</c>), optionally showing a typing indicator.</summary>
public sealed record MarkReadRequest(string MessageId, bool ShowTypingIndicator) : MessageRequest;
