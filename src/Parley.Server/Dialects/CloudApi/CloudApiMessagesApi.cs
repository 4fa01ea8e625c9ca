using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Parley.Core.Errors;
using Parley.Core.Messages;
using Parley.Server.Auth;
using Parley.Server.Configuration;
using Parley.Server.Messaging;

namespace Parley.Server.Dialects.CloudApi;

/// <summary><c>POST /{version}/{phone-number-id}/messages</c>: send a message, or mark one as read.</summary>
internal static class CloudApiMessagesApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int IdempotencyKeyMaxLength = 255;

    public static RouteGroupBuilder MapCloudApiMessages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{phoneNumberId}").WithTags("Cloud API");
        group.MapPost("/messages", SendAsync)
            .WithName("SendMessage")
            .WithSummary("Send a WhatsApp message, or mark an inbound message as read (Meta Cloud API)")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
            .DisableAntiforgery();
        return group;
    }

    internal static async Task<Results<Ok<SendMessageResponse>, Ok<SuccessResponse>, GraphErrorResult>> SendAsync(
        string version,
        string phoneNumberId,
        HttpRequest request,
        ChannelAccess access,
        MessageAcceptor acceptor,
        IOptions<ParleyOptions> options,
        CancellationToken cancellationToken)
    {
        if (GraphRequest.CheckPath(version, phoneNumberId) is { } pathError)
        {
            return new GraphErrorResult(pathError);
        }
        var authorized = await access.AuthorizeAsync(GraphRequest.BearerToken(request), phoneNumberId, cancellationToken);
        if (!authorized.Succeeded)
        {
            return new GraphErrorResult(authorized.Error);
        }
        var channel = authorized.Value;

        var idempotencyKey = request.Headers[IdempotencyKeyHeader].ToString();
        if (idempotencyKey.Length > IdempotencyKeyMaxLength)
        {
            return new GraphErrorResult(ErrorCatalog.InvalidParameter.With($"The {IdempotencyKeyHeader} header must be at most {IdempotencyKeyMaxLength} characters long."));
        }

        var body = await GraphRequestBody.ReadAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (!body.Succeeded)
        {
            return new GraphErrorResult(body.Error);
        }
        using var document = body.Value;
        var parsed = MessageRequestParser.Parse(document.RootElement, new SenderContext(channel.DisplayPhoneNumber, channel.CountryCallingCode));
        if (!parsed.Succeeded)
        {
            return new GraphErrorResult(parsed.Error);
        }

        switch (parsed.Value)
        {
            case SendMessageRequest send:
                if (await acceptor.CheckAsync(channel, send, cancellationToken) is { } refused)
                {
                    return new GraphErrorResult(refused);
                }
                var accepted = await acceptor.AcceptAsync(channel, send, idempotencyKey.Length == 0 ? null : idempotencyKey, cancellationToken);
                var isGroup = send.RecipientType == "group";
                return TypedResults.Ok(new SendMessageResponse(
                    "whatsapp",
                    [new SendMessageContact(send.Input, accepted.To)],
                    [new SendMessageId(accepted.MessageId, isGroup ? accepted.To : null)]));
            case MarkReadRequest read:
                return await acceptor.MarkReadAsync(channel, read, cancellationToken)
                    ? TypedResults.Ok(new SuccessResponse(true))
                    : new GraphErrorResult(ErrorCatalog.InvalidParameter.With($"Message '{read.MessageId}' is not an inbound message of this phone number."));
            default:
                throw new InvalidOperationException($"Unhandled request {parsed.Value.GetType().Name}");
        }
    }
}
