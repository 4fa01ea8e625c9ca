using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Parley.Core.Errors;
using Parley.Core.Messages;
using Parley.Core.Versions;
using Parley.Server.Edges;
using Parley.Server.Messaging;

namespace Parley.Server.Dialects.CloudApi;

/// <summary><c>POST /{version}/{phone-number-id}/messages</c>: send a message, or mark one as read.</summary>
internal static class CloudApiMessagesApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int IdempotencyKeyMaxLength = 255;

    public static RouteGroupBuilder MapCloudApiMessages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{phoneNumberId}").WithTags("Cloud API").WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId"));
        group.MapPost("/messages", SendAsync)
            .WithName("SendMessage")
            .WithSummary("Send a WhatsApp message, or mark an inbound message as read (Meta Cloud API)")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
            .ReadsBody();
        return group;
    }

    internal static async Task<Results<Ok<SendMessageResponse>, Ok<SuccessResponse>, Refusal>> SendAsync(
        CallerChannel caller,
        CallerVersion version,
        JsonBody body,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        MessagingDoor door,
        CancellationToken cancellationToken)
    {
        var channel = caller.Value;
        if (idempotencyKey?.Length > IdempotencyKeyMaxLength)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"The {IdempotencyKeyHeader} header must be at most {IdempotencyKeyMaxLength} characters long."));
        }
        var parsed = MessagingDoor.Parse(channel, body.Root, version.Value);
        if (!parsed.Succeeded)
        {
            return new Refusal(parsed.Error);
        }
        switch (parsed.Value)
        {
            case MarkReadRequest read:
                return await door.MarkReadAsync(channel, read, cancellationToken) is { } unread
                    ? new Refusal(unread)
                    : TypedResults.Ok(new SuccessResponse(true));
            case SendMessageRequest send:
                var outcome = await door.AcceptAsync(channel, send, string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey, cancellationToken);
                if (!outcome.Succeeded)
                {
                    return new Refusal(outcome.Error);
                }
                var accepted = outcome.Value;
                return TypedResults.Ok(new SendMessageResponse(
                    "whatsapp",
                    [SendMessageContact.For(send.Input, accepted.To)],
                    [new SendMessageId(accepted.MessageId, send.RecipientType == "group" ? accepted.To : null, MessageStatus(version.Value))]));
            default:
                throw new InvalidOperationException($"Unhandled request {parsed.Value.GetType().Name}");
        }
    }

    /// <summary>
    /// v24.0+: <c>message_status</c> of an accepted message. Meta answers <c>held_for_quality_assessment</c> or
    /// <c>paused</c> for a marketing template message that template pacing holds back; the sandbox simulates no
    /// pacing (a PAUSED template is refused with 132015 before acceptance), so every accepted message is <c>accepted</c>.
    /// </summary>
    private static string? MessageStatus(GraphVersion version) => GraphVersions.HasSendMessageStatus(version) ? "accepted" : null;
}
