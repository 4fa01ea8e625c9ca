using Parley.Core.Messages.Validation;

namespace Parley.Core.Messages.Validators;

/// <summary>
/// <c>image</c>, <c>video</c>, <c>document</c>, <c>audio</c>, <c>sticker</c> — S MediaObject_1, AudioMessage,
/// StickerMessage; seed003 media object. Also the media objects inside interactive headers and template parameters.
/// </summary>
internal static class MediaValidator
{
    public static void Validate(ObjectReader message, string type)
    {
        var media = message.RequiredObject(type);
        switch (type)
        {
            case "image" or "video":
                media.AllowOnly("id", "link", "caption");
                break;
            case "document":
                media.AllowOnly("id", "link", "caption", "filename");
                break;
            case "audio":
                // voice: a voice note (M:messages/audio-messages); Meta takes any audio and only its transcription needs OGG/Opus.
                media.AllowOnly("id", "link", "voice");
                media.OptionalBool("voice");
                break;
            default: // stickers carry no caption
                media.AllowOnly("id", "link");
                break;
        }
        ValidateSource(media);
        media.OptionalString("caption", Limits.MediaCaptionMaxLength);
        media.OptionalString("filename");
    }

    /// <summary>A media object nested in a header or template parameter: <c>id</c> or <c>link</c>, plus a document's <c>filename</c>.</summary>
    public static void ValidateNested(ObjectReader media, string type)
    {
        if (type == "document")
        {
            media.AllowOnly("id", "link", "filename");
            media.OptionalString("filename");
        }
        else
        {
            media.AllowOnly("id", "link");
        }
        ValidateSource(media);
    }

    /// <summary>Exactly one of <c>id</c> (an uploaded media id) or <c>link</c> (an http/https URL).</summary>
    private static void ValidateSource(ObjectReader media)
    {
        switch (media.ExactlyOneOf("id", "link"))
        {
            case "id":
                media.RequiredString("id");
                break;
            case "link":
                media.RequiredUrl("link");
                break;
        }
    }
}
