using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Media;
using Parley.Server.Auth;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
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
    private const string FileOffsetHeader = "file_offset";

    /// <summary>The path segment Graph reads as "the app of this token" (<c>POST /{version}/app/uploads</c>).</summary>
    private const string TokenAppAlias = "app";

    public static RouteGroupBuilder MapUploadSessions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}").WithTags("Cloud API").WithEdge<GraphEdge>(CallerScope.AnyToken);
        group.MapPost("/{appId}/uploads", OpenAsync)
            .WithEdge<GraphEdge>(CallerScope.TokenOn("appId"))
            .WithName("OpenUploadSession")
            .WithSummary("Open a Resumable Upload session (file_length, file_type, file_name); answers {id: upload:…}");
        // Graph's "app" names the app of the token in place of its id; a literal segment wins over {appId}.
        group.MapPost("/" + TokenAppAlias + "/uploads", (string? file_length, string? file_type, string? file_name, CallerToken caller, ChannelAccess access,
                UploadSessions sessions, CancellationToken cancellationToken) =>
                OpenAsync(TokenAppAlias, file_length, file_type, file_name, caller, access, sessions, cancellationToken))
            .WithName("OpenUploadSessionOnTokenApp")
            .WithSummary("Open a Resumable Upload session on the token's own app (/app/uploads), as /{app-id}/uploads does");
        group.MapPost("/" + ResumableUploadRules.SessionPrefix + "{sessionId}", UploadAsync)
            .WithName("UploadToSession")
            .WithSummary("Send the file's bytes from the file_offset header (Authorization: OAuth <token>); answers {h: <handle>}")
            .DisableAntiforgery();
        group.MapGet("/" + ResumableUploadRules.SessionPrefix + "{sessionId}", GetAsync)
            .WithName("GetUploadSession")
            .WithSummary("Where an upload session stands: {id, file_offset}");
        return group;
    }

    internal sealed record UploadSessionOpened(string Id);

    internal sealed record UploadSessionView(string Id, long FileOffset);

    internal sealed record UploadHandle(string H);

    private static async Task<Results<Ok<UploadSessionOpened>, Refusal>> OpenAsync(
        string appId, string? file_length, string? file_type, string? file_name, CallerToken caller, ChannelAccess access, UploadSessions sessions,
        CancellationToken cancellationToken)
    {
        if (await access.AccountOfAsync(caller.Value, cancellationToken) is not { } account)
        {
            return new Refusal(ChannelAccess.TokenInvalid);
        }
        var checkedSession = ResumableUploadRules.CheckSession(file_length, file_type, file_name);
        if (!checkedSession.Succeeded)
        {
            return new Refusal(checkedSession.Error);
        }
        var (length, type, name) = checkedSession.Value;
        var session = await sessions.OpenAsync(account, appId, length, type, name, cancellationToken);
        return TypedResults.Ok(new UploadSessionOpened(ResumableUploadRules.SessionPrefix + session.Id));
    }

    private static async Task<Results<Ok<UploadSessionView>, Refusal>> GetAsync(
        string sessionId, CallerToken caller, ChannelAccess access, UploadSessions sessions, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(sessionId, "get", caller, access, sessions, cancellationToken);
        return session.Succeeded
            ? TypedResults.Ok(new UploadSessionView(ResumableUploadRules.SessionPrefix + session.Value.Id, session.Value.FileOffset))
            : new Refusal(session.Error);
    }

    private static async Task<Results<Ok<UploadHandle>, Ok<UploadSessionView>, Refusal>> UploadAsync(
        string sessionId, HttpRequest request, CallerToken caller, ChannelAccess access, UploadSessions sessions, CancellationToken cancellationToken)
    {
        var found = await SessionAsync(sessionId, "post", caller, access, sessions, cancellationToken);
        if (!found.Succeeded)
        {
            return new Refusal(found.Error);
        }
        var session = found.Value;
        if (!session.IsComplete)
        {
            if (ResumableUploadRules.CheckOffset(request.Headers[FileOffsetHeader].ToString(), session.FileOffset) is { } offsetError)
            {
                return new Refusal(offsetError);
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
                    return new Refusal(appended.Error);
                }
                session = appended.Value;
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return new Refusal(ResumableUploadRules.TooManyBytes(session.FileLength));
            }
            catch (Exception ex) when (ex is IOException or BadHttpRequestException)
            {
                return new Refusal(ErrorCatalog.InvalidParameter.With($"The upload was interrupted: {ex.Message} Resume from file_offset {session.FileOffset}."));
            }
        }
        return session.Handle is { } handle
            ? TypedResults.Ok(new UploadHandle(handle))
            : TypedResults.Ok(new UploadSessionView(ResumableUploadRules.SessionPrefix + session.Id, session.FileOffset));
    }

    /// <summary>The session, when the token's business account (its own, or its channel's) opened it; Graph's 100/33 for any other id.</summary>
    private static async Task<Outcome<UploadSession>> SessionAsync(
        string sessionId, string method, CallerToken caller, ChannelAccess access, UploadSessions sessions, CancellationToken cancellationToken)
    {
        if (await access.AccountOfAsync(caller.Value, cancellationToken) is not { } account)
        {
            return ChannelAccess.TokenInvalid;
        }
        var session = await sessions.GetAsync(sessionId, cancellationToken);
        return session is not null && session.AccountId == account
            ? session
            : ErrorCatalog.UnknownObject(ResumableUploadRules.SessionPrefix + sessionId, method);
    }
}
