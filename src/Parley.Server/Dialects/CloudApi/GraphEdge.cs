using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Server.Auth;
using Parley.Server.Configuration;
using Parley.Server.Edges;

namespace Parley.Server.Dialects.CloudApi;

/// <summary>
/// The Cloud API (Graph) edge: the <c>{version}</c> segment and object id of the path, the token
/// (<c>Authorization: Bearer</c> or <c>access_token</c>) scoped to the channel or business account the path names, the
/// body (JSON, form or multipart), and every error in the Graph envelope.
/// </summary>
internal sealed class GraphEdge(ChannelAccess access, Tokens tokens, IOptions<ParleyOptions> options) : IDialectEdge
{
    public const string VersionRouteKey = "version";

    public IResult Render(WhatsAppError error) => new GraphErrorResult(error);

    public async ValueTask<IResult?> AdmitAsync(HttpContext context, EdgeCall call, EdgeMetadata edge, BodyMetadata? body)
    {
        if (edge.Caller.Kind == CallerKind.UploadToken)
        {
            return await AdmitUploadAsync(context, call, edge.Caller.RouteKey);
        }
        var method = context.Request.Method.ToLowerInvariant();
        var id = context.Request.RouteValues[edge.Caller.RouteKey] as string ?? "";
        if (context.Request.RouteValues[VersionRouteKey] is string version && GraphRequest.CheckPath(version, edge.Caller.Kind == CallerKind.Token ? RouteId(context) : id, method) is { } pathError)
        {
            return Render(pathError);
        }
        var token = GraphRequest.BearerToken(context.Request);
        var admitted = edge.Caller.Kind switch
        {
            CallerKind.Channel => Worded(await AdmitChannelAsync(call, token, id, context.RequestAborted), id, method),
            CallerKind.Account => Worded(await AdmitAccountAsync(call, token, id, context.RequestAborted), id, method),
            CallerKind.OwnerAccount => Worded(await AdmitOwnerAccountAsync(context, call, token, id, edge.Caller.Owner!), id, method),
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

    /// <summary>The id segment of a <c>/{version}/{id}</c> route.</summary>
    private static string RouteId(HttpContext context) => context.Request.RouteValues["id"] as string ?? "";

    private async ValueTask<WhatsAppError?> AdmitChannelAsync(EdgeCall call, string? token, string id, CancellationToken cancellationToken)
    {
        var channel = await access.AuthorizeAsync(token, id, cancellationToken);
        if (!channel.Succeeded)
        {
            return channel.Error;
        }
        call.Channel = channel.Value;
        return null;
    }

    private async ValueTask<WhatsAppError?> AdmitAccountAsync(EdgeCall call, string? token, string id, CancellationToken cancellationToken)
    {
        var account = await access.AuthorizeAccountAsync(token, id, cancellationToken);
        if (!account.Succeeded)
        {
            return account.Error;
        }
        call.Account = account.Value;
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

    private const string OAuthScheme = "OAuth ";

    /// <summary>The account owning the object <paramref name="id"/> (none: the object does not exist, worded by the caller).</summary>
    private async ValueTask<WhatsAppError?> AdmitOwnerAccountAsync(HttpContext context, EdgeCall call, string? token, string id, ObjectOwner owner)
    {
        var accountId = await owner(context.RequestServices, id, context.RequestAborted);
        return await AdmitAccountAsync(call, token, accountId ?? "", context.RequestAborted);
    }

    /// <summary>
    /// The Resumable Upload API: the <c>{version}</c> (and the object id <paramref name="routeKey"/> names, if any; an
    /// <c>upload:…</c> session id is none) and any live token, from <c>Authorization: OAuth</c>, Bearer or <c>access_token</c>.
    /// </summary>
    private async ValueTask<IResult?> AdmitUploadAsync(HttpContext context, EdgeCall call, string routeKey)
    {
        var version = context.Request.RouteValues[VersionRouteKey] as string ?? "";
        var id = routeKey.Length == 0 ? "0" : context.Request.RouteValues[routeKey] as string ?? "";
        if (GraphRequest.CheckPath(version, id, context.Request.Method.ToLowerInvariant()) is { } pathError)
        {
            return Render(pathError);
        }
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith(OAuthScheme, StringComparison.OrdinalIgnoreCase) ? header[OAuthScheme.Length..].Trim() : GraphRequest.BearerToken(context.Request);
        return await AdmitTokenAsync(call, token, context.RequestAborted) is { } denied ? Render(denied) : null;
    }
}
