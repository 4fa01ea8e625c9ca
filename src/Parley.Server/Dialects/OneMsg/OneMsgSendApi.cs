using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Parley.Core.Messages;
using Parley.Server.Auth;
using Parley.Server.Configuration;
using Parley.Server.Messaging;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// <c>POST /{instanceId}/send…?token=</c>: map the 1msg request onto the canonical Cloud API message, validate it with
/// <see cref="MessageRequestParser"/> and accept it on the shared path (<see cref="MessageAcceptor"/>). The 24-hour window
/// is the upstream's rule for every message but a template, exactly as for the Cloud API dialect: outside it the message
/// fails with 131047, visible in <c>/messages</c>, <c>/hookInfo</c> and the ack webhook.
/// </summary>
internal static class OneMsgSendApi
{
    public const string SentDescription = "Message has been sent to the provider";

    public static void MapOneMsgSends(this RouteGroupBuilder group)
    {
        foreach (var method in OneMsgMapper.Methods)
        {
            group.MapPost("/" + method, (string instanceId, HttpRequest request, ChannelAccess access, MessageAcceptor acceptor, IOptions<ParleyOptions> options, CancellationToken cancellationToken) =>
                    SendAsync(method, instanceId, request, access, acceptor, options, cancellationToken))
                .WithName("OneMsg_" + method)
                .WithSummary($"1msg {method}")
                .Accepts<object>("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
                .DisableAntiforgery();
        }
    }

    internal static async Task<Results<Ok<OneMsgSentResponse>, OneMsgErrorResult>> SendAsync(
        string method,
        string instanceId,
        HttpRequest request,
        ChannelAccess access,
        MessageAcceptor acceptor,
        IOptions<ParleyOptions> options,
        CancellationToken cancellationToken)
    {
        var authorized = await OneMsgRequest.AuthorizeAsync(request, instanceId, access, cancellationToken);
        if (!authorized.Succeeded)
        {
            return OneMsgErrorResult.WrongToken(instanceId);
        }
        var channel = authorized.Value;
        var body = await OneMsgRequest.BodyAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (!body.Succeeded)
        {
            return new OneMsgErrorResult(body.Error);
        }
        var canonical = OneMsgMapper.ToCanonical(method, body.Value);
        if (!canonical.Succeeded)
        {
            return new OneMsgErrorResult(canonical.Error);
        }
        using var document = System.Text.Json.JsonDocument.Parse(canonical.Value.ToJsonString());
        var parsed = MessageRequestParser.Parse(document.RootElement, new SenderContext(channel.DisplayPhoneNumber, channel.CountryCallingCode));
        if (!parsed.Succeeded)
        {
            return new OneMsgErrorResult(parsed.Error);
        }
        if (parsed.Value is not SendMessageRequest send)
        {
            return new OneMsgErrorResult(Parley.Core.Errors.ErrorCatalog.InvalidParameter.With("Not a message."));
        }
        var outcome = await acceptor.AcceptAsync(channel, send, idempotencyKey: null, cancellationToken);
        if (!outcome.Succeeded)
        {
            return new OneMsgErrorResult(outcome.Error);
        }
        var accepted = outcome.Value;
        var chatId = OneMsgRecipient.ChatId(accepted.To, send.RecipientType == "group");
        return TypedResults.Ok(new OneMsgSentResponse(true, accepted.MessageId, $"Sent to {chatId}", SentDescription));
    }
}
