using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Auth;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.Dialects.Bird;

/// <summary>The channel a Channels request addresses, with its Channels id (bound from the <see cref="BirdEdge"/>).</summary>
internal sealed record BirdTarget(Channel Channel, string ChannelUuid) : IBindableFromHttpContext<BirdTarget>
{
    public static ValueTask<BirdTarget?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<BirdTarget?>(context.Features.Get<BirdTarget>() ?? throw EdgeCall.Missing(parameter, "a Channels channel"));
}

/// <summary>
/// The Channels API edge: <c>Authorization: AccessKey &lt;key&gt;</c>, where a key is a Parley token — scoped to the
/// channel or to its business account, exactly as for the Cloud API dialect. The workspace and channel UUIDs of the
/// path must name a channel of that workspace; a key never learns whether another tenant's workspace or channel exists.
/// The body is JSON of at most 200 KB (seed 001: larger bodies are a 413), and every error is a Channels error.
/// </summary>
internal sealed class BirdEdge(Tokens tokens, ChannelAccess access, IBirdDialectStore dialect) : IDialectEdge
{
    public const string WorkspaceRouteKey = "workspaceId";
    private const string Scheme = "AccessKey ";

    /// <summary>
    /// A WhatsApp rule the request's message broke (<see cref="BirdError.From"/>), reported against the request's
    /// <c>template</c> when it sends one, else against its <c>body</c>.
    /// </summary>
    public IResult Render(WhatsAppError error) => new RuleBroken(error);

    public async ValueTask<IResult?> AdmitAsync(HttpContext context, EdgeCall call, EdgeMetadata edge, BodyMetadata? body)
    {
        var (target, denied) = await AuthorizeAsync(
            context.Request, RouteValue(context, WorkspaceRouteKey), RouteValue(context, edge.Caller.RouteKey), context.RequestAborted);
        if (target is null)
        {
            return denied;
        }
        call.Channel = target.Channel;
        context.Features.Set(target);
        if (body is not null)
        {
            var (document, unreadable) = await ReadBodyAsync(context.Request, context.RequestAborted);
            if (document is null)
            {
                return unreadable;
            }
            call.Body = document;
        }
        return null;
    }

    private static string RouteValue(HttpContext context, string key) => context.Request.RouteValues[key] as string ?? "";

    private async Task<(BirdTarget? Target, BirdError? Error)> AuthorizeAsync(
        HttpRequest request, string workspaceId, string channelId, CancellationToken cancellationToken)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            return (null, BirdError.Unauthorized("An access key is required: Authorization: AccessKey <key>."));
        }
        var token = await tokens.ResolveAsync(header[Scheme.Length..].Trim(), cancellationToken);
        if (token is null)
        {
            return (null, BirdError.Unauthorized("The access key is not valid or has been revoked."));
        }
        var accountId = BirdIds.IsUuid(workspaceId) ? await dialect.FindAccountAsync(workspaceId.ToLowerInvariant(), cancellationToken) : null;
        if (accountId is null || accountId != await access.AccountOfAsync(token, cancellationToken))
        {
            return (null, BirdError.NotFound("workspace"));
        }
        var phoneNumberId = BirdIds.IsUuid(channelId) ? await dialect.FindChannelAsync(channelId.ToLowerInvariant(), cancellationToken) : null;
        var channel = phoneNumberId is null ? null : await access.ReachAsync(token, phoneNumberId, cancellationToken);
        if (channel is null || channel.AccountId != accountId)
        {
            return (null, BirdError.NotFound("channel"));
        }
        return (new BirdTarget(channel, channelId.ToLowerInvariant()), null);
    }

    private static async Task<(JsonDocument? Document, BirdError? Error)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = BirdError.MaxRequestBytes;
        }
        if (request.ContentLength > BirdError.MaxRequestBytes)
        {
            return (null, TooLarge());
        }
        try
        {
            return (await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = Core.Messages.Limits.MaxJsonDepth }, cancellationToken), null);
        }
        catch (JsonException ex)
        {
            return (null, BirdError.BadRequest($"The request body is not valid JSON: {ex.Message}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return (null, BirdError.BadRequest($"The request body could not be read: {ex.Message}"));
        }
    }

    private static BirdError TooLarge() =>
        BirdError.TooLarge($"The request body must not exceed {BirdError.MaxRequestBytes / 1024} KB.");

    private sealed class RuleBroken(WhatsAppError error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) =>
            BirdError.From(error, SendsTemplate(EdgeCall.Of(httpContext).Body) ? "template" : "body").ExecuteAsync(httpContext);

        private static bool SendsTemplate(object? body) =>
            body is JsonDocument { RootElement: { ValueKind: JsonValueKind.Object } root }
            && root.TryGetProperty("template", out var template) && template.ValueKind == JsonValueKind.Object;
    }
}
