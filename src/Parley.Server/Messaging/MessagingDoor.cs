using System.Text.Json;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Ids;
using Parley.Core.Messages;
using Parley.Core.Versions;
using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Messaging;

/// <summary>
/// The one door into messaging, shared by every dialect: a canonical Cloud API request (what a dialect's mapper makes
/// of its own request) is parsed and checked by WhatsApp's rules (<see cref="MessageRequestParser"/>), checked against
/// stored state (registration, media ownership, template state), then accepted with one durable, group-committed write
/// of the message and its dispatch job, and a nudge to the dispatcher. No upstream I/O happens here; the 24-hour window
/// is applied at dispatch, where WhatsApp applies it.
/// </summary>
internal sealed class MessagingDoor(IMessageStore store, DispatchSignal dispatch, IEnumerable<ISendCheck> checks, IEnumerable<IReadReceiptRelay> readRelays, TimeProvider time)
{
    private readonly ISendCheck[] _checks = [.. checks.OrderBy(c => c.Order)];

    /// <summary>
    /// The canonical request parsed by WhatsApp's rules for this channel, as of the call's Graph version (the newest
    /// when not given): a message to send or a read receipt.
    /// </summary>
    public static Outcome<MessageRequest> Parse(Channel channel, JsonElement request, GraphVersion? version = null) =>
        MessageRequestParser.Parse(request, new SenderContext(channel.DisplayPhoneNumber, channel.CountryCallingCode, version));

    /// <summary>The canonical request parsed as a message to send (a read receipt is not one).</summary>
    public static Outcome<SendMessageRequest> ParseSend(Channel channel, JsonElement request)
    {
        var parsed = Parse(channel, request);
        if (!parsed.Succeeded)
        {
            return parsed.Error;
        }
        return parsed.Value is SendMessageRequest send ? send : ErrorCatalog.InvalidParameter.With("The request is not a message to send.");
    }

    /// <summary>Parses, checks and accepts a canonical message in one step: what a dialect that sends one message calls.</summary>
    public async Task<Outcome<(SendMessageRequest Request, AcceptResult Accepted)>> SendAsync(
        Channel channel, JsonElement request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var send = ParseSend(channel, request);
        if (!send.Succeeded)
        {
            return send.Error;
        }
        var accepted = await AcceptAsync(channel, send.Value, idempotencyKey, cancellationToken);
        return accepted.Succeeded ? (send.Value, accepted.Value) : accepted.Error;
    }

    /// <summary>
    /// The checks against stored state that WhatsApp answers synchronously: the number is registered (133010), media
    /// ids are the channel's, a template message fits an approved template of the channel's business account (132000,
    /// 132001, 132012, 132015, 132016). Null when the message may be accepted. A dialect that turns one request into
    /// several messages checks them all before accepting any.
    /// </summary>
    public async Task<WhatsAppError?> CheckAsync(Channel channel, SendMessageRequest request, CancellationToken cancellationToken)
    {
        foreach (var check in _checks)
        {
            if (await check.CheckAsync(channel, request, cancellationToken) is { } refused)
            {
                return refused;
            }
        }
        return null;
    }

    /// <summary>Stores the message for dispatch, or answers the synchronous error that refuses it (see <see cref="CheckAsync"/>).</summary>
    /// <param name="messageId">The wamid to store it under, chosen beforehand (a dialect that records its own message over
    /// several wamids before accepting them); a new one when null.</param>
    public async Task<Outcome<AcceptResult>> AcceptAsync(
        Channel channel, SendMessageRequest request, string? idempotencyKey, CancellationToken cancellationToken, string? messageId = null)
    {
        if (await CheckAsync(channel, request, cancellationToken) is { } refused)
        {
            return refused;
        }
        var message = new OutboundMessage(
            messageId ?? MessageIds.NewWamid(),
            channel.PhoneNumberId,
            request.To,
            request.Input,
            request.RecipientType,
            request.Type,
            request.PayloadJson,
            request.BizOpaqueCallbackData,
            request.ContextMessageId,
            time.GetUtcNow());
        var result = await store.AcceptAsync(message, idempotencyKey, cancellationToken);
        if (!result.Replayed)
        {
            dispatch.Notify(channel.PhoneNumberId);
        }
        return result;
    }

    /// <summary>
    /// Records the read of an inbound message; the upstream it came from is told in the background
    /// (<see cref="IReadReceiptRelay"/>). The error when it is not an inbound message of the channel, or is a message
    /// posted in a group (groups take no read receipts or typing indicators).
    /// </summary>
    public async Task<WhatsAppError?> MarkReadAsync(Channel channel, MarkReadRequest request, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(channel.PhoneNumberId, request.MessageId, cancellationToken) is { Direction: MessageDirection.Inbound } inbound
            && IsGroupMessage(inbound))
        {
            return ErrorCatalog.UnsupportedMessageType.With(request.ShowTypingIndicator
                ? $"Message '{request.MessageId}' was posted in a group: groups do not support read receipts or typing indicators."
                : $"Message '{request.MessageId}' was posted in a group: groups do not support marking messages as read.");
        }
        if (!await store.MarkInboundReadAsync(channel.PhoneNumberId, request.MessageId, time.GetUtcNow(), cancellationToken))
        {
            return ErrorCatalog.InvalidParameter.With($"Message '{request.MessageId}' is not an inbound message of this phone number.");
        }
        _ = readRelays.Any(relay => relay.TryRelay(channel, request));
        return null;
    }

    /// <summary>An inbound message posted in a group names the group (<c>group_id</c>) in its stored payload.</summary>
    private static bool IsGroupMessage(StoredMessage inbound)
    {
        using var payload = JsonDocument.Parse(inbound.Payload);
        return payload.RootElement.ValueKind == JsonValueKind.Object && payload.RootElement.TryGetProperty("group_id", out _);
    }
}
