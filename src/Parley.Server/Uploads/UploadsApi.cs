using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Media;
using Parley.Server.Auth;
using Parley.Server.Dialects.CloudApi;
using Parley.Storage;

namespace Parley.Server.Uploads;

/// <summary>
/// Meta's Resumable Upload API: <c>POST /{version}/{app-id}/uploads</c> opens a session, <c>POST
/// /{version}/upload:{session}</c> sends bytes from <c>file_offset</c> and answers the handle, <c>GET
/// /{version}/upload:{session}</c> tells where to resume. A session belongs to the business account of the token that
/// opened it. <c>upload:…</c> is not a Graph object id (digits), so these routes are their own.
/// </summary>
internal static class UploadsApi
{
    private const string OAuthScheme = "OAuth ";
    private const string FileOffsetHeader = "file_offset";

    public static RouteGroupBuilder MapUploadSessions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Cloud API");
        group.MapPost("/{version}/{appId}/uploads", OpenAsync)
            .WithName("OpenUploadSession")
            .WithSummary("Open a Resumable Upload session (file_length, file_type, file_name); answers {id: upload:…}");
        group.MapPost("/{version}/" + ResumableUploadRules.SessionPrefix + "{sessionId}", UploadAsync)
            .WithName("UploadToSession")
            .WithSummary("Send the file's bytes from the file_offset header (Authorization: OAuth <token>); answers {h: <handle>}")
            .DisableAntiforgery();
        group.MapGet("/{version}/" + ResumableUploadRules.SessionPrefix + "{sessionId}", GetAsync)
            .WithName("GetUploadSession")
            .WithSummary("Where an upload session stands: {id, file_offset}");
        return group;
    }

    internal sealed record UploadSessionOpened(string Id);

    internal sealed record UploadSessionView(string Id, long FileOffset);

    internal sealed record UploadHandle(string H);

    private static async Task<Results<Ok<UploadSessionOpened>, GraphErrorResult>> OpenAsync(
        string version, string appId, string? file_length, string? file_type, string? file_name, HttpRequest request,
        Tokens tokens, ChannelAccess access, UploadSessions sessions, CancellationToken cancellationToken)
    {
        if (GraphRequest.CheckPath(version, appId) is { } pathError)
        {
            return new GraphErrorResult(pathError);
        }
        var account = await AccountOfAsync(request, tokens, access, cancellationToken);
        if (!account.Succeeded)
        {
            return new GraphErrorResult(account.Error);
        }
        var checkedSession = ResumableUploadRules.CheckSession(file_length, file_type, file_name);
        if (!checkedSession.Succeeded)
        {
            return new GraphErrorResult(checkedSession.Error);
        }
        var (length, type, name) = checkedSession.Value;
        var session = await sessions.OpenAsync(account.Value, appId, length, type, name, cancellationToken);
        return TypedResults.Ok(new UploadSessionOpened(ResumableUploadRules.SessionPrefix + session.Id));
    }

    private static async Task<Results<Ok<UploadSessionView>, GraphErrorResult>> GetAsync(
        string version, string sessionId, HttpRequest request, Tokens tokens, ChannelAccess access, UploadSessions sessions, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(version, sessionId, "get", request, tokens, access, sessions, cancellationToken);
        return session.Succeeded
            ? TypedResults.Ok(new UploadSessionView(ResumableUploadRules.SessionPrefix + session.Value.Id, session.Value.FileOffset))
            : new GraphErrorResult(session.Error);
    }

    private static async Task<Results<Ok<UploadHandle>, Ok<UploadSessionView>, GraphErrorResult>> UploadAsync(
        string version, string sessionId, HttpRequest request, Tokens tokens, ChannelAccess access, UploadSessions sessions, CancellationToken cancellationToken)
    {
        var found = await SessionAsync(version, sessionId, "post", request, tokens, access, sessions, cancellationToken);
        if (!found.Succeeded)
        {
            return new GraphErrorResult(found.Error);
        }
        var session = found.Value;
        if (!session.IsComplete)
        {
            if (ResumableUploadRules.CheckOffset(request.Headers[FileOffsetHeader].ToString(), session.FileOffset) is { } offsetError)
            {
                return new GraphErrorResult(offsetError);
            }
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                // One byte more than the rest of the file, so that an overlong body is seen and refused, not cut.
                limit.MaxRequestBodySize = session.FileLength - session.FileOffset + 1;
            }
            try
            {
                var appended = await sessions.AppendAsync(session, request.Body, cancellationToken);
                if (!appended.Succeeded)
                {
                    return new GraphErrorResult(appended.Error);
                }
                session = appended.Value;
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return new GraphErrorResult(ResumableUploadRules.TooManyBytes(session.FileLength));
            }
            catch (Exception ex) when (ex is IOException or BadHttpRequestException)
            {
                return new GraphErrorResult(ErrorCatalog.InvalidParameter.With($"The upload was interrupted: {ex.Message} Resume from file_offset {session.FileOffset}."));
            }
        }
        return session.Handle is { } handle
            ? TypedResults.Ok(new UploadHandle(handle))
            : TypedResults.Ok(new UploadSessionView(ResumableUploadRules.SessionPrefix + session.Id, session.FileOffset));
    }

    /// <summary>The session, when the token's business account opened it; Graph's 100/33 for any other id.</summary>
    private static async Task<Outcome<UploadSession>> SessionAsync(
        string version, string sessionId, string method, HttpRequest request, Tokens tokens, ChannelAccess access, UploadSessions sessions,
        CancellationToken cancellationToken)
    {
        // The version is checked as on every Graph path (the object id here is the session, checked below).
        if (GraphRequest.CheckPath(version, "0", method) is { } versionError)
        {
            return versionError;
        }
        var account = await AccountOfAsync(request, tokens, access, cancellationToken);
        if (!account.Succeeded)
        {
            return account.Error;
        }
        var session = await sessions.GetAsync(sessionId, cancellationToken);
        return session is not null && session.AccountId == account.Value
            ? session
            : ErrorCatalog.UnknownObject(ResumableUploadRules.SessionPrefix + sessionId, method);
    }

    /// <summary>
    /// The business account the token acts for: its own, or its channel's. Meta's upload step takes
    /// <c>Authorization: OAuth &lt;token&gt;</c>; <c>Bearer</c> and <c>access_token</c> work as on every Graph call.
    /// </summary>
    private static async Task<Outcome<string>> AccountOfAsync(HttpRequest request, Tokens tokens, ChannelAccess access, CancellationToken cancellationToken)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        var token = header.StartsWith(OAuthScheme, StringComparison.OrdinalIgnoreCase) ? header[OAuthScheme.Length..].Trim() : GraphRequest.BearerToken(request);
        if (string.IsNullOrEmpty(token))
        {
            return ErrorCatalog.AccessTokenRequired.With("An access token is required to request this resource.");
        }
        var record = await tokens.ResolveAsync(token, cancellationToken);
        if (record is null)
        {
            return ErrorCatalog.InvalidAccessToken.With("The access token could not be decrypted or has been revoked.");
        }
        var accountId = record.AccountId;
        if (accountId is null && record.ChannelId is not null)
        {
            accountId = (await access.GetChannelAsync(record.ChannelId, cancellationToken))?.AccountId;
        }
        return accountId is null
            ? ErrorCatalog.InvalidAccessToken.With("The access token could not be decrypted or has been revoked.")
            : accountId;
    }
}
