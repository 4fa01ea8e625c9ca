namespace Parley.Core.Media;

/// <summary>
/// Meta's media rules: the MIME types each kind accepts and its size limit. Source: cloud-api-digest §4
/// ("Supported types", from M:business-phone-numbers/media and S <c>/{Phone-Number-ID}/media</c>) and §1.4.
/// </summary>
public static class MediaRules
{
    private const long Kilobyte = 1024;
    private const long Megabyte = 1024 * 1024;

    /// <summary>Audio: 16 MB (M:business-phone-numbers/media, "Audio").</summary>
    public const long AudioMaxBytes = 16 * Megabyte;

    /// <summary>Documents: 100 MB (M:business-phone-numbers/media, "Document").</summary>
    public const long DocumentMaxBytes = 100 * Megabyte;

    /// <summary>Images: 5 MB (M:business-phone-numbers/media, "Image"; M:messages/image-messages).</summary>
    public const long ImageMaxBytes = 5 * Megabyte;

    /// <summary>
    /// Stickers: animated 500 KB, static 100 KB (M:business-phone-numbers/media, "Sticker"; seed003). Parley does not
    /// decode WebP, so it holds every sticker to the animated limit.
    /// </summary>
    public const long StickerMaxBytes = 500 * Kilobyte;

    /// <summary>Static stickers: 100 KB. Documented; not enforced (see <see cref="StickerMaxBytes"/>).</summary>
    public const long StaticStickerMaxBytes = 100 * Kilobyte;

    /// <summary>Video: 16 MB (M:business-phone-numbers/media, "Video").</summary>
    public const long VideoMaxBytes = 16 * Megabyte;

    /// <summary>Media a user sends: up to 100 MB; larger fails with 131052 (cloud-api-digest §4, "Inbound").</summary>
    public const long InboundMaxBytes = 100 * Megabyte;

    /// <summary>The largest file any upload may carry: the document limit.</summary>
    public const long MaxUploadBytes = DocumentMaxBytes;

    /// <summary>Uploaded media persist for 30 days unless deleted (cloud-api-digest §4, POST /media).</summary>
    public static readonly TimeSpan UploadRetention = TimeSpan.FromDays(30);

    /// <summary>Media ids in inbound webhooks can be downloaded for 7 days (cloud-api-digest §3.5).</summary>
    public static readonly TimeSpan InboundRetention = TimeSpan.FromDays(7);

    /// <summary>A media URL from <c>GET /{media-id}</c> is valid for 5 minutes (cloud-api-digest §4).</summary>
    public static readonly TimeSpan DownloadUrlLifetime = TimeSpan.FromMinutes(5);

    private static readonly Dictionary<MediaKind, string[]> MimeTypesByKind = new()
    {
        // .aac .amr .mp3 .m4a .ogg (OPUS codecs only)
        [MediaKind.Audio] = ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"],
        // .txt .xls .xlsx .doc .docx .ppt .pptx .pdf
        [MediaKind.Document] =
        [
            "text/plain",
            "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/pdf",
        ],
        // .jpeg .png (8-bit RGB or RGBA)
        [MediaKind.Image] = ["image/jpeg", "image/png"],
        // .webp, only in sticker messages
        [MediaKind.Sticker] = ["image/webp"],
        // .3gp .mp4 (H.264 video, AAC audio)
        [MediaKind.Video] = ["video/3gpp", "video/mp4"],
    };

    private static readonly Dictionary<string, MediaKind> KindByMimeType = MimeTypesByKind
        .SelectMany(pair => pair.Value.Select(mime => (mime, pair.Key)))
        .ToDictionary(p => p.mime, p => p.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every MIME type WhatsApp accepts for outbound media, in Meta's order of kinds.</summary>
    public static IEnumerable<string> SupportedMimeTypes => MimeTypesByKind.Values.SelectMany(m => m);

    /// <summary>The MIME types a kind accepts.</summary>
    public static IReadOnlyList<string> MimeTypesOf(MediaKind kind) => MimeTypesByKind[kind];

    /// <summary>The size limit of a kind.</summary>
    public static long MaxBytes(MediaKind kind) => kind switch
    {
        MediaKind.Audio => AudioMaxBytes,
        MediaKind.Document => DocumentMaxBytes,
        MediaKind.Image => ImageMaxBytes,
        MediaKind.Sticker => StickerMaxBytes,
        MediaKind.Video => VideoMaxBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// The kind a MIME type belongs to (parameters such as <c>; codecs=opus</c> ignored), or null when WhatsApp does
    /// not accept it for outbound media.
    /// </summary>
    public static MediaKind? KindOf(string? mimeType) =>
        BaseType(mimeType) is { Length: > 0 } baseType && KindByMimeType.TryGetValue(baseType, out var kind) ? kind : null;

    /// <summary>The MIME type without parameters, lower case: <c>audio/ogg; codecs=opus</c> → <c>audio/ogg</c>.</summary>
    public static string BaseType(string? mimeType)
    {
        if (string.IsNullOrWhiteSpace(mimeType))
        {
            return "";
        }
        var semicolon = mimeType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? mimeType : mimeType[..semicolon]).Trim().ToLowerInvariant();
    }
}
