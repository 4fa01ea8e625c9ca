using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Parley.Server.Edges;
using Parley.Server.Media;
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
            .Accepts<object>("application/json", "application/x-www-form-urlencoded", "multipart/form-data").ReadsBody(OneMsgFiles.MaxBodyBytes);
        group.MapGet("/retrieveMedia", RetrieveAsync).WithSummary("1msg: a media object's URL, MIME type, hash and size");
        group.MapDelete("/media/{mediaId}", DeleteAsync).WithSummary("1msg: delete media");
        group.MapPost("/deleteMedia", DeleteLegacyAsync).WithSummary("1msg: delete media (legacy form of DELETE /media/{mediaId})")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded").ReadsBody();
    }

    /// <summary>
    /// <c>body</c> (or MCP's alias <c>url</c>): a form-data file, a base64 data URI or an http(s) link, stored with the Cloud
    /// API's upload checks. Answers <c>{"mediaId":"…"}</c>.
    /// </summary>
    private static async Task<Results<Ok<OneMsgMediaIdResponse>, Refusal>> UploadAsync(
        CallerChannel caller, JsonObjectBody json, HttpRequest request, OneMsgFiles files, CancellationToken cancellationToken)
    {
        var (channelId, body) = (caller.Value.PhoneNumberId, json.Value);
        var field = OneMsgRequest.File(request, "body") is null && !OneMsgFields.Has(body, "body") && OneMsgFields.Has(body, "url") ? "url" : "body";
        var fileName = OneMsgFields.Text(body, "filename");
        var stored = await files.StoreAsync(channelId, request, body, field, fileName, cancellationToken);
        if (stored is null)
        {
            var link = OneMsgFields.Text(body, field);
            if (string.IsNullOrEmpty(link))
            {
                return new Refusal(OneMsgMapper.Missing("body"));
            }
            if (!OneMsgFiles.IsLink(link))
            {
                return new Refusal(OneMsgMapper.Invalid($"The parameter {field} must be an http(s) link, a base64 data URI (data:image/jpeg;base64,…) or a form-data file."));
            }
            stored = await files.UploadLinkAsync(channelId, link, fileName, cancellationToken);
        }
        return stored.Value.Succeeded
            ? TypedResults.Ok(new OneMsgMediaIdResponse(stored.Value.Value.Id))
            : new Refusal(stored.Value.Error);
    }

    /// <summary><c>?mediaId=</c> → <c>{"url","mimeType","sha256","fileSize","id"}</c>; the URL is valid for 5 minutes (digest A.7).</summary>
    private static async Task<Results<Ok<OneMsgMediaView>, Refusal>> RetrieveAsync(
        CallerChannel caller, string? mediaId, HttpRequest request, OneMsgFiles files, MediaUrls urls, CancellationToken cancellationToken)
    {
        var found = await files.FindAsync(caller.Value.PhoneNumberId, mediaId, cancellationToken);
        if (!found.Succeeded)
        {
            return new Refusal(found.Error);
        }
        var media = found.Value;
        return TypedResults.Ok(new OneMsgMediaView(urls.Create(request, media), media.MimeType, media.Sha256, media.FileSize, media.Id));
    }

    private static Task<Results<Ok<OneMsgResultResponse>, Refusal>> DeleteAsync(
        CallerChannel caller, string mediaId, OneMsgFiles files, CancellationToken cancellationToken) =>
        DeleteOneAsync(caller.Value.PhoneNumberId, mediaId, files, cancellationToken);

    /// <summary><c>{"mediaId":"…"}</c> in the body (or the query).</summary>
    private static Task<Results<Ok<OneMsgResultResponse>, Refusal>> DeleteLegacyAsync(
        CallerChannel caller, JsonObjectBody body, [FromQuery(Name = "mediaId")] string? queryMediaId, OneMsgFiles files, CancellationToken cancellationToken) =>
        DeleteOneAsync(caller.Value.PhoneNumberId, OneMsgFields.Text(body.Value, "mediaId") ?? queryMediaId, files, cancellationToken);

    /// <summary>Deletes the channel's live media <paramref name="mediaId"/>; another channel's media is as unknown as a missing one.</summary>
    private static async Task<Results<Ok<OneMsgResultResponse>, Refusal>> DeleteOneAsync(
        string channelId, string? mediaId, OneMsgFiles files, CancellationToken cancellationToken)
    {
        var found = await files.FindAsync(channelId, mediaId, cancellationToken);
        if (!found.Succeeded)
        {
            return new Refusal(found.Error);
        }
        return await files.DeleteAsync(found.Value, cancellationToken)
            ? TypedResults.Ok(new OneMsgResultResponse("success"))
            : new Refusal(Parley.Core.Media.MediaChecks.InvalidMediaId("mediaId"));
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
