using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Media;

namespace Parley.Server.Media;

/// <summary>
/// Reads <c>POST /{phone-number-id}/media</c>'s <c>multipart/form-data</c> body section by section, streaming the
/// <c>file</c> part straight into the blob store (capped at its kind's limit, or the largest limit while its kind is
/// unknown) instead of buffering the form.
/// </summary>
internal sealed record MediaUploadForm(string? MessagingProduct, string? Type, BlobPut? File, string? FilePartType, string? FileName)
{
    /// <summary>Form fields are short: a MIME type, <c>whatsapp</c>.</summary>
    private const int MaxFieldBytes = 4096;

    public static async Task<Outcome<MediaUploadForm>> ReadAsync(HttpRequest request, MediaLibrary library, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary) is not { Length: > 0 } boundary)
        {
            return ErrorCatalog.InvalidParameter.With("Media must be uploaded as multipart/form-data with the parameters file, type and messaging_product.");
        }
        var reader = new MultipartReader(boundary.ToString(), request.Body);
        string? messagingProduct = null, type = null, partType = null, fileName = null;
        BlobPut? file = null;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).ToString();
            if (name == "file" && file is null)
            {
                partType = section.ContentType;
                fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).ToString();
                var kind = MediaRules.KindOf(SpecificType(partType)) ?? MediaRules.KindOf(type);
                var cap = kind is { } known ? MediaRules.MaxBytes(known) : MediaRules.MaxUploadBytes;
                file = await library.ReceiveAsync(section.Body, cap, cancellationToken);
            }
            else if (name is "type" or "messaging_product")
            {
                var value = await ReadFieldAsync(section.Body, cancellationToken);
                if (name == "type")
                {
                    type = value;
                }
                else
                {
                    messagingProduct = value;
                }
            }
        }
        return new MediaUploadForm(messagingProduct, type, file, partType, string.IsNullOrEmpty(fileName) ? null : Path.GetFileName(fileName));
    }

    /// <summary>The file's MIME type: its part's content type, unless that says nothing (absent or octet-stream), then <c>type</c>.</summary>
    public string? MimeType => SpecificType(FilePartType) ?? Type;

    private static string? SpecificType(string? partType) =>
        string.IsNullOrWhiteSpace(partType) || MediaRules.BaseType(partType) == "application/octet-stream" ? null : partType;

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        return Encoding.UTF8.GetString(buffer, 0, length).Trim().Trim('"');
    }
}
