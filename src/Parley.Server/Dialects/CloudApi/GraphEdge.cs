using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Versions;
using Parley.Server.Auth;
using Parley.Server.Configuration;
using Parley.Server.Edges;

namespace Parley.Server.Dialects.CloudApi;

/// <summary>
/// The Cloud API (Graph) edge: the <c>{version}</c> segment and object id of the path, the token
/// (<c>Authorization: Bearer</c> or <c>access_token</c>) scoped to the channel or business account the path names, the
/// body (JSON, form or multipart), and every error in the Graph envelope.
/// </summary>
internal sealed class GraphEdge(ChannelAccess access, Tokens tokens, GraphObjectKinds objects, IOptions<ParleyOptions> options) : IDialectEdge
{
    public const string VersionRouteKey = "version";
    public const string ApiVersionHeader = "facebook-api-version";

    public IResult Render(WhatsAppError error) => new GraphErrorResult(error);

    public async ValueTask<IResult?> AdmitAsync(HttpContext context, EdgeCall call, EdgeMetadata edge, BodyMetadata? body)
    {
        var method = LowerCase(context.Request.Method);
        var id = context.Request.RouteValues[edge.Caller.RouteKey] as string ?? "";
        if (context.Request.RouteValues[VersionRouteKey] is string version)
        {
            if (GraphRequest.CheckPath(version, edge.Caller.RouteKey.Length == 0 ? null : id, method) is { } pathError)
            {
                return Render(pathError);
            }
            call.Version = GraphVersions.Find(version);
            context.Response.Headers[ApiVersionHeader] = version; // as Meta answers: the version the call was served in
        }
        var token = GraphRequest.BearerToken(context.Request);
        var admitted = edge.Caller.Kind switch
        {
            CallerKind.Channel => Worded(await AdmitChannelAsync(call, token, id, context.RequestAborted), id, method),
            CallerKind.Account => Worded(await AdmitAccountAsync(call, token, id, context.RequestAborted), id, method),
            CallerKind.Object => Worded(await AdmitObjectAsync(call, token, id, context.RequestAborted), id, method),
            _ => await AdmitTokenAsync(call, token, context.RequestAborted),
        };
        if (admitted is { } denied)
        {
            return Render(denied);
        }
        if (body is not null)
        {
            var read = await ReadBodyAsync(context.Request, body, Math.Max(options.Value.MaxRequestBodyBytes, body.AtLeastBytes), context.RequestAborted);
            if (!read.Succeeded)
            {
                return Render(read.Error);
            }
            call.Body = read.Value;
        }
        return null;
    }

    private async ValueTask<WhatsAppError?> AdmitChannelAsync(EdgeCall call, string? token, string id, CancellationToken cancellationToken) =>
        Admitted(await access.AuthorizeAsync(token, id, cancellationToken), channel => call.Channel = channel);

    private async ValueTask<WhatsAppError?> AdmitAccountAsync(EdgeCall call, string? token, string id, CancellationToken cancellationToken) =>
        Admitted(await access.AuthorizeAccountAsync(token, id, cancellationToken), account => call.Account = account);

    /// <summary>Keeps what an authorization found, or answers its error.</summary>
    private static WhatsAppError? Admitted<T>(Outcome<T> authorized, Action<T> keep)
    {
        if (!authorized.Succeeded)
        {
            return authorized.Error;
        }
        keep(authorized.Value);
        return null;
    }

    private async ValueTask<WhatsAppError?> AdmitTokenAsync(EdgeCall call, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return ChannelAccess.TokenRequired;
        }
        call.Token = await tokens.ResolveAsync(token, cancellationToken);
        return call.Token is null ? ChannelAccess.TokenInvalid : null;
    }

    /// <summary>
    /// A Graph object by id: the token is checked first, then the object's kind is found once, then the token must reach
    /// the object's owner (its channel, or its business account). An unknown id is Graph's 100/33.
    /// </summary>
    private async ValueTask<WhatsAppError?> AdmitObjectAsync(EdgeCall call, string? token, string id, CancellationToken cancellationToken)
    {
        if (await AdmitTokenAsync(call, token, cancellationToken) is { } denied)
        {
            return denied;
        }
        if (await objects.FindAsync(id, cancellationToken) is not { } target)
        {
            return ErrorCatalog.UnknownObject(id);
        }
        call.Target = target;
        return target.ChannelId is { } channelId
            ? await AdmitChannelAsync(call, token, channelId, cancellationToken)
            : await AdmitAccountAsync(call, token, target.AccountId ?? "", cancellationToken);
    }

    /// <summary>The method as Graph words it in errors; the common ones without a new string per call.</summary>
    private static string LowerCase(string method) => method switch
    {
        "POST" => "post",
        "GET" => "get",
        "DELETE" => "delete",
        _ => method.ToLowerInvariant(),
    };

    /// <summary>The "object does not exist" error (100/33) worded for this call's method, as Graph words it; other errors as they are.</summary>
    public static WhatsAppError? Worded(WhatsAppError? error, string id, string method) =>
        error?.Subcode == 33 ? ErrorCatalog.UnknownObject(id, method) : error;

    /// <summary>The JSON (or form, or multipart) body; an absent optional body reads as <c>{}</c>.</summary>
    private static async Task<Outcome<JsonDocument>> ReadBodyAsync(HttpRequest request, BodyMetadata body, long maxBytes, CancellationToken cancellationToken)
    {
        if (body.Optional && (request.ContentLength is 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }))
        {
            return JsonDocument.Parse("{}");
        }
        return await GraphRequestBody.ReadAsync(request, maxBytes, cancellationToken);
    }

    // ---- Scopes of objects not named by the route's own Graph id: a template's account, an upload session's token ----



}
