using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Core.Media;
using Parley.Server.Auth;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;

namespace Parley.Server.Media;

/// <summary>
/// <c>POST /{version}/{phone-number-id}/media</c> (upload) and the media download URL. <c>GET</c>/<c>DELETE
/// /{version}/{media-id}</c> are answered by <see cref="MediaGraphObjects"/> on the shared Graph object route.
/// </summary>
internal static class MediaApi
{
    /// <summary>Room for the multipart framing and the other fields around the largest file.</summary>
    private const long FormOverheadBytes = 1024 * 1024;

    public static RouteGroupBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Cloud API");
        group.MapPost("/{version}/{phoneNumberId}/media", UploadAsync)
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId"))
            .WithName("UploadMedia")
            .WithSummary("Upload media (multipart/form-data: file, type, messaging_product); answers its id (Meta Cloud API)")
            .DisableAntiforgery(); // no Accepts(): other content types must reach the handler for Meta's error, not the fallback
        group.MapGet(MediaUrls.DownloadPath + "/{mediaId}", DownloadAsync)
            .WithEdge<GraphEdge>(CallerScope.AnyToken)
            .WithName("DownloadMedia")
            .WithSummary("Download media bytes from the URL GET /{media-id} returned (bearer token of the owning channel)");
        return group;
    }

    internal sealed record MediaUploaded(string Id);

    private static async Task<Results<Ok<MediaUploaded>, Refusal>> UploadAsync(
        CallerChannel caller, HttpRequest request, MediaLibrary library, CancellationToken cancellationToken)
    {
        // This route alone takes bodies up to the largest media limit; everything else keeps MaxRequestBodyBytes.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MediaRules.MaxUploadBytes + FormOverheadBytes;
        }
        if (request.ContentLength > MediaRules.MaxUploadBytes + FormOverheadBytes)
        {
            return new Refusal(MediaChecks.TooLarge(MediaKind.Document));
        }

        MediaUploadForm form;
        try
        {
            var read = await MediaUploadForm.ReadAsync(request, library, cancellationToken);
            if (!read.Succeeded)
            {
                return new Refusal(read.Error);
            }
            form = read.Value;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new Refusal(MediaChecks.TooLarge(MediaKind.Document));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"The request body could not be read: {ex.Message}"));
        }

        // Graph reads parameters from the query string as well as the body: messaging_product may come either way.
        if (string.IsNullOrEmpty(form.MessagingProduct) && request.Query["messaging_product"].ToString() is { Length: > 0 } queried)
        {
            form = form with { MessagingProduct = queried };
        }
        var error = Check(form);
        if (error is not null)
        {
            if (form.File is { } received)
            {
                library.Discard(received);
            }
            return new Refusal(error);
        }
        var kind = MediaRules.KindOf(form.MimeType)!.Value;
        var media = await library.CommitAsync(form.File!, new MediaDraft(caller.Value.PhoneNumberId, kind.TypeName(),
            MediaRules.BaseType(form.MimeType), form.FileName, Storage.MediaOrigins.Upload, MediaRules.MaxBytes(kind), MediaRules.UploadRetention), cancellationToken);
        return TypedResults.Ok(new MediaUploaded(media.Id));
    }

    private static WhatsAppError? Check(MediaUploadForm form)
    {
        if (string.IsNullOrEmpty(form.MessagingProduct))
        {
            return ErrorCatalog.InvalidParameter.With("The parameter messaging_product is required.");
        }
        if (form.MessagingProduct != "whatsapp")
        {
            return ErrorCatalog.InvalidParameter.With($"Param messaging_product must be one of {{WHATSAPP}} - got \"{form.MessagingProduct}\".");
        }
        if (form.File is null)
        {
            return ErrorCatalog.InvalidParameter.With("The parameter file is required.");
        }
        // type may be left out when the file part carries its own content type, as Graph takes it.
        if (string.IsNullOrEmpty(form.MimeType))
        {
            return ErrorCatalog.InvalidParameter.With("The parameter type is required.");
        }
        if (MediaRules.KindOf(form.MimeType) is not { } kind)
        {
            return MediaChecks.UnsupportedMimeType(form.MimeType);
        }
        return form.File.TooLarge ? MediaChecks.TooLarge(kind) : MediaChecks.CheckUpload(form.MimeType, form.File.Size);
    }

    /// <summary>
    /// The bytes, to the owning channel's token only, while the signed URL is unexpired. Anything else is a plain 404,
    /// as WhatsApp answers an expired or foreign media URL (cloud-api-digest §4); a missing or dead token is the edge's.
    /// </summary>
    private static async Task<Results<FileStreamHttpResult, NotFound>> DownloadAsync(
        string mediaId, string? expires, string? signature, CallerToken caller, MediaUrls urls, MediaLibrary library, ChannelAccess access,
        CancellationToken cancellationToken)
    {
        if (!urls.IsValid(mediaId, expires, signature)
            || await library.GetLiveAsync(mediaId, cancellationToken) is not { } media
            || await access.ReachAsync(caller.Value, media.ChannelId, cancellationToken) is null
            || library.Open(media) is not { } bytes)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Stream(bytes, media.MimeType, media.FileName);
    }
}
