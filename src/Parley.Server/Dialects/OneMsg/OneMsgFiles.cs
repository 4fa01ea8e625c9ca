using System.Text.Json.Nodes;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Core.Media;
using Parley.Server.Configuration;
using Parley.Server.Media;
using Parley.Server.Network;
using Parley.Storage;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// A file as 1msg takes it (seed 000, sendFile <c>body</c>, uploadMedia <c>body</c>, /me <c>photo</c>): "HTTP link
/// https://…, or base64-encoded file with mime data, for example data:image/jpeg;base64,/9j/4AAQ…, or file in form-data
/// input field". Files and data URIs become media objects of the channel through <see cref="MediaLibrary"/>, with the
/// Cloud API's upload checks (supported MIME type, the kind's size limit), so every dialect sees the same media.
/// </summary>
internal sealed class OneMsgFiles(MediaLibrary library, SsrfGuard guard, IHttpClientFactory clients, IOptions<ParleyOptions> options)
{
    private const string DataScheme = "data:";
    private const string Base64Marker = ";base64";

    /// <summary>
    /// A file is at most <see cref="MediaRules.MaxUploadBytes"/>; as base64 in a JSON or form body that is 4/3 of it,
    /// plus room for the other fields.
    /// </summary>
    public const long MaxBodyBytes = (MediaRules.MaxUploadBytes + 2) / 3 * 4 + 64 * 1024;

    private static readonly FileExtensionContentTypeProvider MimeTypes = new();

    public static bool IsDataUri(string? value) => value?.StartsWith(DataScheme, StringComparison.OrdinalIgnoreCase) == true;

    public static bool IsLink(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>
    /// Stores the multipart file <paramref name="field"/>, or the data URI in the field's text, as the channel's media;
    /// null when the field is neither (a link, or absent).
    /// </summary>
    public async Task<Outcome<MediaRecord>?> StoreAsync(
        string channelId, HttpRequest request, JsonObject body, string field, string? fileName, CancellationToken cancellationToken)
    {
        if (OneMsgRequest.File(request, field) is { } file)
        {
            if (file.Length == 0)
            {
                return OneMsgMapper.Invalid($"The file in the form field {field} is empty.");
            }
            var name = fileName ?? (string.IsNullOrWhiteSpace(file.FileName) ? null : Path.GetFileName(file.FileName));
            var mimeType = Specific(file.ContentType) ?? MimeTypeOf(name) ?? "application/octet-stream";
            await using var stream = file.OpenReadStream();
            return await library.UploadAsync(channelId, stream, mimeType, name, cancellationToken);
        }
        if (OneMsgFields.Text(body, field) is { } text && IsDataUri(text))
        {
            var decoded = Decode(text, field);
            if (!decoded.Succeeded)
            {
                return decoded.Error;
            }
            using var stream = new MemoryStream(decoded.Value.Bytes, writable: false);
            return await library.UploadAsync(channelId, stream, decoded.Value.MimeType, fileName, cancellationToken);
        }
        return null;
    }

    /// <summary>
    /// Downloads a link into an upload of the channel (a media id usable for 30 days): through the media links' HTTP
    /// client, whose every connection passes the <see cref="SsrfGuard"/>, within the link fetch timeout. The MIME type is
    /// the response's content type (or the link's file extension when that says nothing); the upload checks apply.
    /// </summary>
    public async Task<Outcome<MediaRecord>> UploadLinkAsync(string channelId, string url, string? fileName, CancellationToken cancellationToken)
    {
        if (guard.Check(url) is { } refused)
        {
            return MediaChecks.LinkDownloadFailed($"the link {refused}.");
        }
        var path = new Uri(url).AbsolutePath;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(options.Value.Media.LinkFetchTimeoutMs));
        try
        {
            using var client = clients.CreateClient(LinkMediaFetcher.HttpClientName);
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return MediaChecks.LinkDownloadFailed($"the server answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            var mimeType = Specific(response.Content.Headers.ContentType?.ToString()) ?? MimeTypeOf(path) ?? "application/octet-stream";
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            return await library.UploadAsync(channelId, body, mimeType, fileName ?? NameOf(path), timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return MediaChecks.LinkDownloadFailed($"no complete answer within {options.Value.Media.LinkFetchTimeoutMs / 1000} seconds.");
        }
        catch (HttpRequestException ex)
        {
            return MediaChecks.LinkDownloadFailed(ex.Message);
        }
    }

    private static string? NameOf(string path) => Path.GetFileName(path) is { Length: > 0 } name ? name : null;

    /// <summary>The channel's live media object, or Graph's "not a valid media id" as 1msg reports it.</summary>
    public async Task<Outcome<MediaRecord>> FindAsync(string channelId, string? mediaId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(mediaId))
        {
            return OneMsgMapper.Missing("mediaId");
        }
        var media = await library.GetLiveAsync(mediaId.Trim(), cancellationToken);
        return media is not null && media.ChannelId == channelId ? media : MediaChecks.InvalidMediaId("mediaId");
    }

    public Task<bool> DeleteAsync(MediaRecord media, CancellationToken cancellationToken) => library.DeleteAsync(media, cancellationToken);

    /// <summary><c>data:&lt;mime&gt;[;param];base64,&lt;data&gt;</c> → the MIME type and the bytes.</summary>
    private static Outcome<(string MimeType, byte[] Bytes)> Decode(string uri, string field)
    {
        var comma = uri.IndexOf(',', StringComparison.Ordinal);
        var header = comma < 0 ? "" : uri[DataScheme.Length..comma];
        if (comma < 0 || !header.EndsWith(Base64Marker, StringComparison.OrdinalIgnoreCase))
        {
            return OneMsgMapper.Invalid($"The parameter {field} must be an https link, a base64 data URI (data:image/jpeg;base64,…) or a form-data file.");
        }
        var mimeType = header.Split(';')[0].Trim();
        if (mimeType.Length == 0)
        {
            return OneMsgMapper.Invalid($"The data URI in {field} must name its MIME type (data:image/jpeg;base64,…).");
        }
        try
        {
            return (mimeType, Convert.FromBase64String(uri[(comma + 1)..]));
        }
        catch (FormatException)
        {
            return OneMsgMapper.Invalid($"The data URI in {field} is not valid base64.");
        }
    }

    private static string? MimeTypeOf(string? fileName) =>
        fileName is not null && MimeTypes.TryGetContentType(fileName, out var type) ? type : null;

    /// <summary>A part's content type unless it says nothing (absent or octet-stream): then the file name decides.</summary>
    private static string? Specific(string? contentType) =>
        string.IsNullOrWhiteSpace(contentType) || MediaRules.BaseType(contentType) == "application/octet-stream" ? null : contentType;
}
