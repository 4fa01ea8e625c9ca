using Parley.Core.Errors;
using Parley.Core.Ids;
using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Server.Templates;
using Parley.Storage;

namespace Parley.Server.Messaging;

/// <summary>
/// The accept path shared by every dialect: one durable, group-committed write of the message and its dispatch
/// job, then a nudge to the dispatcher. No upstream I/O happens here.
/// </summary>
internal sealed class MessageAcceptor(IMessageStore store, DispatchSignal dispatch, TimeProvider time, TemplateSendGuard templates)
{
    /// <summary>
    /// The checks against stored state that WhatsApp answers synchronously, run before <see cref="AcceptAsync"/>:
    /// a template message must fit an approved template of the channel's business account (132000, 132001, 132012,
    /// 132015, 132016). Null when the message may be accepted.
    /// </summary>
    public ValueTask<WhatsAppError?> CheckAsync(Channel channel, SendMessageRequest request, CancellationToken cancellationToken) =>
        request.Type == "template" ? templates.CheckAsync(channel, request.Payload, cancellationToken) : ValueTask.FromResult<WhatsAppError?>(null);

    public async Task<AcceptResult> AcceptAsync(Channel channel, SendMessageRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var message = new OutboundMessage(
            MessageIds.NewWamid(),
            channel.PhoneNumberId,
            request.To,
            request.Input,
            request.RecipientType,
            request.Type,
            request.Payload.ToJsonString(),
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

    public Task<bool> MarkReadAsync(Channel channel, MarkReadRequest request, CancellationToken cancellationToken) =>
        store.MarkInboundReadAsync(channel.PhoneNumberId, request.MessageId, time.GetUtcNow(), cancellationToken);
}
