using Microsoft.Extensions.Options;
using Parley.Core.Errors;
using Parley.Server.Auth;
using Parley.Server.Configuration;
using Parley.Server.Edges;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// The 1msg edge: the token (<c>?token=</c>, <c>Authorization: Bearer</c> or a <c>token</c> header) scoped to the channel
/// the <c>{instanceId}</c> names, the body (JSON, form or multipart) as a JSON object, and every error as 1msg's
/// <c>{"error": "…"}</c>. Any refused token is 1msg's one wrong-token answer.
/// </summary>
internal sealed class OneMsgEdge(ChannelAccess access, IOptions<ParleyOptions> options) : IDialectEdge
{
    public IResult Render(WhatsAppError error) => new OneMsgErrorResult(error);

    public async ValueTask<IResult?> AdmitAsync(HttpContext context, EdgeCall call, EdgeMetadata edge, BodyMetadata? body)
    {
        var instanceId = context.Request.RouteValues[edge.Caller.RouteKey] as string ?? "";
        var channel = await access.AuthorizeAsync(OneMsgRequest.Token(context.Request), instanceId, context.RequestAborted);
        if (!channel.Succeeded)
        {
            return OneMsgErrorResult.WrongToken(instanceId);
        }
        call.Channel = channel.Value;
        if (body is not null)
        {
            var read = await OneMsgRequest.BodyAsync(context.Request, Math.Max(options.Value.MaxRequestBodyBytes, body.AtLeastBytes), context.RequestAborted);
            if (!read.Succeeded)
            {
                return Render(read.Error);
            }
            call.Body = read.Value;
        }
        return null;
    }
}
