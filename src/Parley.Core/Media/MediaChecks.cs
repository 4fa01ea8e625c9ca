using Parley.Core.Errors;

namespace Parley.Core.Media;

/// <summary>
/// The checks on media, each answering Meta's error from the <see cref="ErrorCatalog"/>: at upload (code 100,
/// synchronous), when a message names media by id (code 100, synchronous) and when media is used in a message
/// (131053 "Media upload error" in the <c>failed</c> status webhook, cloud-api-digest §2.2, §7.5).
/// </summary>
public static class MediaChecks
{
    /// <summary>
    /// An upload's MIME type and size. Unsupported types get Meta's "Param file must be a file with one of the
    /// following types" (code 100); files over their kind's limit get "Media file size too big" (code 100).
    /// </summary>
    public static WhatsAppError? CheckUpload(string? mimeType, long fileSize)
    {
        if (MediaRules.KindOf(mimeType) is not { } kind)
        {
            return UnsupportedMimeType(mimeType);
        }
        return fileSize > MediaRules.MaxBytes(kind) ? TooLarge(kind) : null;
    }

    /// <summary>Code 100: the file's type is not one WhatsApp accepts.</summary>
    public static WhatsAppError UnsupportedMimeType(string? mimeType) =>
        ErrorCatalog.InvalidParameter.With(
            $"Param file must be a file with one of the following types: {string.Join(", ", MediaRules.SupportedMimeTypes)}. Received file of type '{MediaRules.BaseType(mimeType)}'.");

    /// <summary>Code 100: the file is larger than its kind allows.</summary>
    public static WhatsAppError TooLarge(MediaKind kind) =>
        ErrorCatalog.InvalidParameter.With($"Media file size too big. Max file size we currently support: {Describe(MediaRules.MaxBytes(kind))}.");

    /// <summary>
    /// Code 100 for a message naming media by an id that is not media of the sending phone number (unknown, deleted,
    /// expired, or another channel's): Meta's "Param image['id'] is not a valid whatsapp business account media attachment ID".
    /// </summary>
    public static WhatsAppError InvalidMediaId(string path)
    {
        var text = $"(#100) Param {path} is not a valid whatsapp business account media attachment ID";
        return new WhatsAppError(ErrorCatalog.InvalidParameter, $"Param {path} is not a valid whatsapp business account media attachment ID", MessageOverride: text);
    }

    /// <summary>
    /// 131053 when media used in a message of kind <paramref name="kind"/> is of a type or size that kind does not
    /// take (an image message carrying a PDF, a sticker that is not WebP, a video over 16 MB).
    /// </summary>
    public static WhatsAppError? CheckForMessage(MediaKind kind, string? mimeType, long fileSize)
    {
        if (MediaRules.KindOf(mimeType) != kind)
        {
            return ErrorCatalog.MediaUploadError.With(
                $"Media upload error: the media type '{MediaRules.BaseType(mimeType)}' cannot be sent as {kind.TypeName()}; {kind.TypeName()} takes {string.Join(", ", MediaRules.MimeTypesOf(kind))}.");
        }
        return fileSize > MediaRules.MaxBytes(kind)
            ? ErrorCatalog.MediaUploadError.With($"Media upload error: the {kind.TypeName()} is {fileSize} bytes; the limit is {Describe(MediaRules.MaxBytes(kind))}.")
            : null;
    }

    /// <summary>131053 when a media link cannot be downloaded (DNS, refused, HTTP error, too big, timeout).</summary>
    public static WhatsAppError LinkDownloadFailed(string reason) =>
        ErrorCatalog.MediaUploadError.With($"Media upload error: downloading media from weblink failed: {reason}");

    /// <summary>"5MB", "500KB": Meta's way of writing a limit.</summary>
    public static string Describe(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)}MB" : $"{bytes / 1024}KB";
}
