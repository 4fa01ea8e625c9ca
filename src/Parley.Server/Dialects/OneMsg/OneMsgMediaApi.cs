using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Server.Auth;
using Parley.Server.Configuration;
using Parley.Server.Media;
using Parley.Storage;
using System.Text.Json.Serialization;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// 1msg's media node (seed 000 "Media": "upload, retrieve, or delete media"; digest A.7 for the paths the seed leaves
/// out): <c>POST /uploadMedia</c>, <c>GET /retrieveMedia</c>, <c>DELETE /media/{mediaId}</c> and the legacy
/// <c>POST /deleteMedia</c>. They work on the channel's media objects, the very ones the Cloud API's
/// <c>/{version}/{phone-number-id}/media</c> and <c>/{version}/{media-id}</c> see.
/// </summary>
internal static class OneMsgMediaApi
{
    public static void MapOneMsgMedia(this RouteGroupBuilder group)
    {
        group.MapPost("/uploadMedia", UploadAsync).WithSummary("1msg: upload media (form file, base64 data URI or URL) and get its mediaId")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded", "multipart/form-data").DisableAntiforgery();
        group.MapGet("/retrieveMedia", RetrieveAsync).WithSummary("1msg: a media object's URL, MIME type, hash and size");
        group.MapDelete("/media/{mediaId}", DeleteAsync).WithSummary("1msg: delete media");
        group.MapPost("/deleteMedia", DeleteLegacyAsync).WithSummary("1msg: delete media (legacy form of DELETE /media/{mediaId})")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded").DisableAntiforgery();
    }

    /// <summary>
    /// <c>body</c> (or MCP's alias <c>url</c>): a form-data file, a base64 data URI or an http(s) link, stored with the Cloud
    /// API's upload checks. Answers <c>{"mediaId":"…"}</c>.
    /// </summary>
    private static async Task<Results<Ok<OneMsgMediaIdResponse>, OneMsgErrorResult>> UploadAsync(
        string instanceId, HttpRequest request, ChannelAccess access, OneMsgFiles files, IOptions<ParleyOptions> options, CancellationToken cancellationToken)
    {
        var authorized = await OneMsgRequest.AuthorizeAsync(request, instanceId, access, cancellationToken);
        if (!authorized.Succeeded)
        {
            return OneMsgErrorResult.WrongToken(instanceId);
        }
        var channelId = authorized.Value.PhoneNumberId;
        var body = await OneMsgRequest.BodyAsync(request, Math.Max(options.Value.MaxRequestBodyBytes, OneMsgFiles.MaxBodyBytes), cancellationToken);
        if (!body.Succeeded)
        {
            return new OneMsgErrorResult(body.Error);
        }
        var field = OneMsgRequest.File(request, "body") is null && !OneMsgFields.Has(body.Value, "body") && OneMsgFields.Has(body.Value, "url") ? "url" : "body";
        var fileName = OneMsgFields.Text(body.Value, "filename");
        var stored = await files.StoreAsync(channelId, request, body.Value, field, fileName, cancellationToken);
        if (stored is null)
        {
            var link = OneMsgFields.Text(body.Value, field);
            if (string.IsNullOrEmpty(link))
            {
                return new OneMsgErrorResult(OneMsgMapper.Missing("body"));
            }
            if (!OneMsgFiles.IsLink(link))
            {
                return new OneMsgErrorResult(OneMsgMapper.Invalid($"The parameter {field} must be an http(s) link, a base64 data URI (data:image/jpeg;base64,…) or a form-data file."));
            }
            stored = await files.UploadLinkAsync(channelId, link, fileName, cancellationToken);
        }
        return stored.Value.Succeeded
            ? TypedResults.Ok(new OneMsgMediaIdResponse(stored.Value.Value.Id))
            : new OneMsgErrorResult(stored.Value.Error);
    }

    /// <summary><c>?mediaId=</c> → <c>{"url","mimeType","sha256","fileSize","id"}</c>; the URL is valid for 5 minutes (digest A.7).</summary>
    private static async Task<Results<Ok<OneMsgMediaView>, OneMsgErrorResult>> RetrieveAsync(
        string instanceId, string? mediaId, HttpRequest request, ChannelAccess access, OneMsgFiles files, MediaUrls urls, CancellationToken cancellationToken)
    {
        var found = await FindAsync(instanceId, mediaId, request, access, files, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error;
        }
        var media = found.Value;
        return TypedResults.Ok(new OneMsgMediaView(urls.Create(request, media), media.MimeType, media.Sha256, media.FileSize, media.Id));
    }

    private static async Task<Results<Ok<OneMsgResultResponse>, OneMsgErrorResult>> DeleteAsync(
        string instanceId, string mediaId, HttpRequest request, ChannelAccess access, OneMsgFiles files, CancellationToken cancellationToken) =>
        await DeleteOneAsync(instanceId, mediaId, request, access, files, cancellationToken);

    /// <summary><c>{"mediaId":"…"}</c> in the body (or the query).</summary>
    private static async Task<Results<Ok<OneMsgResultResponse>, OneMsgErrorResult>> DeleteLegacyAsync(
        string instanceId, HttpRequest request, ChannelAccess access, OneMsgFiles files, IOptions<ParleyOptions> options, CancellationToken cancellationToken)
    {
        var call = await OneMsgRequest.ReadAsync(request, instanceId, access, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (call.Error is { } error)
        {
            return error;
        }
        var (channel, body) = (call.Channel!, call.Body!);
        var mediaId = OneMsgFields.Text(body, "mediaId") ?? request.Query["mediaId"].ToString();
        return await DeleteOneAsync(instanceId, mediaId, request, access, files, cancellationToken);
    }

    private static async Task<Results<Ok<OneMsgResultResponse>, OneMsgErrorResult>> DeleteOneAsync(
        string instanceId, string? mediaId, HttpRequest request, ChannelAccess access, OneMsgFiles files, CancellationToken cancellationToken)
    {
        var found = await FindAsync(instanceId, mediaId, request, access, files, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error;
        }
        return await files.DeleteAsync(found.Value, cancellationToken)
            ? TypedResults.Ok(new OneMsgResultResponse("success"))
            : new OneMsgErrorResult(Parley.Core.Media.MediaChecks.InvalidMediaId("mediaId"));
    }

    /// <summary>The channel's live media <paramref name="mediaId"/>; another channel's media is as unknown as a missing one.</summary>
    private static async Task<ResultOr<MediaRecord>> FindAsync(
        string instanceId, string? mediaId, HttpRequest request, ChannelAccess access, OneMsgFiles files, CancellationToken cancellationToken)
    {
        var authorized = await OneMsgRequest.AuthorizeAsync(request, instanceId, access, cancellationToken);
        if (!authorized.Succeeded)
        {
            return OneMsgErrorResult.WrongToken(instanceId);
        }
        Outcome<MediaRecord> media = await files.FindAsync(authorized.Value.PhoneNumberId, mediaId, cancellationToken);
        return media.Succeeded ? new ResultOr<MediaRecord>(media.Value, null) : new OneMsgErrorResult(media.Error);
    }

    /// <summary>A value, or the 1msg error to answer instead.</summary>
    private readonly record struct ResultOr<T>(T? Value, OneMsgErrorResult? Error) where T : class
    {
        [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
        [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
        public bool Succeeded => Error is null;

        public static implicit operator ResultOr<T>(OneMsgErrorResult error) => new(null, error);
    }
}

/// <summary><c>POST /uploadMedia</c>: <c>{"mediaId":"…"}</c> (seed 000).</summary>
internal sealed record OneMsgMediaIdResponse([property: JsonPropertyName("mediaId")] string MediaId);

/// <summary><c>GET /retrieveMedia</c> (digest A.7): a download URL valid for 5 minutes and the media's metadata.</summary>
internal sealed record OneMsgMediaView(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("mimeType")] string MimeType,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("fileSize")] long FileSize,
    [property: JsonPropertyName("id")] string Id);
