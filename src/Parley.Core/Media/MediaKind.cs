namespace Parley.Core.Media;

/// <summary>
/// The kinds of media WhatsApp carries; each is also the message <c>type</c> that sends it
/// (cloud-api-digest §4, "Supported types"; M:business-phone-numbers/media).
/// </summary>
public enum MediaKind
{
    Audio,
    Document,
    Image,
    Sticker,
    Video,
}

public static class MediaKinds
{
    /// <summary>The message <c>type</c> (and webhook object name) of a kind: <c>audio</c>, <c>document</c>, …</summary>
    public static string TypeName(this MediaKind kind) => kind switch
    {
        MediaKind.Audio => "audio",
        MediaKind.Document => "document",
        MediaKind.Image => "image",
        MediaKind.Sticker => "sticker",
        MediaKind.Video => "video",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind sent by a message (or header, or template parameter) <c>type</c>; null for non-media types.</summary>
    public static MediaKind? FromTypeName(string? type) => type switch
    {
        "audio" => MediaKind.Audio,
        "document" => MediaKind.Document,
        "image" => MediaKind.Image,
        "sticker" => MediaKind.Sticker,
        "video" => MediaKind.Video,
        _ => null,
    };
}
