using System.Text.Json.Nodes;
using Parley.Core;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// <c>/sendFile</c> and <c>/sendSticker</c> → a Cloud API media message. The media type follows the file name's
/// extension (seed 000: "File name, for example 1.jpg or hello.xlsx"), or <c>mediaType</c> with a <c>mediaId</c>
/// (digest A.6). A base64 data URI or a form-data file arrives here already stored, as a <c>mediaId</c> with its kind
/// (<see cref="OneMsgSendApi"/>).
/// </summary>
internal static class OneMsgMediaMapper
{
    private static readonly Dictionary<string, string> TypeByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        // Cloud API supported media types (cloud-api-digest, media): images jpeg/png, videos mp4/3gpp, audio aac/amr/mp3/m4a/ogg.
        [".jpg"] = "image", [".jpeg"] = "image", [".png"] = "image",
        [".mp4"] = "video", [".3gp"] = "video",
        [".aac"] = "audio", [".amr"] = "audio", [".mp3"] = "audio", [".m4a"] = "audio", [".ogg"] = "audio", [".opus"] = "audio",
        [".webp"] = "sticker",
    };

    /// <summary>
    /// <c>mediaType</c> with a <c>mediaId</c> (digest A.6: image, video, audio, document); Parley also takes
    /// <c>sticker</c>, the kind a WebP file is stored as.
    /// </summary>
    private static readonly string[] MediaTypes = ["image", "video", "audio", "document", "sticker"];

    /// <summary>File names a voice note may have: 1msg sends <c>voice: true</c> as audio/ogg only (digest A.6; Meta: OGG with the Opus codec).</summary>
    private static readonly string[] VoiceExtensions = [".ogg", ".opus"];

    public static Outcome<JsonObject> File(JsonObject body)
    {
        if (!OneMsgFields.Has(body, "voice") || OneMsgFields.Boolean(body, "voice") is not { } voice)
        {
            return OneMsgFields.Has(body, "voice") ? OneMsgMapper.Invalid("The parameter voice must be true or false.") : File(body, voice: false);
        }
        return File(body, voice);
    }

    /// <summary>The refusal of a voice note whose file is not OGG/Opus audio.</summary>
    internal static Core.Errors.WhatsAppError NotAVoiceFile(string what) =>
        OneMsgMapper.Invalid($"voice: true sends a voice note, which must be an OGG/Opus audio file (.ogg or .opus); {what}.");

    /// <summary>True for the MIME types of an OGG/Opus file.</summary>
    internal static bool IsVoiceMime(string mimeType) =>
        mimeType.StartsWith("audio/ogg", StringComparison.OrdinalIgnoreCase) || mimeType.StartsWith("audio/opus", StringComparison.OrdinalIgnoreCase);

    private static Outcome<JsonObject> File(JsonObject body, bool voice)
    {
        var caption = OneMsgFields.Text(body, "caption");
        if (OneMsgFields.Text(body, "mediaId") is { Length: > 0 } mediaId)
        {
            var mediaType = OneMsgFields.Text(body, "mediaType");
            if (mediaType is null)
            {
                return OneMsgMapper.Missing("mediaType");
            }
            if (!MediaTypes.Contains(mediaType))
            {
                return OneMsgMapper.Invalid("The parameter mediaType must be one of image, video, audio, document, sticker.");
            }
            if (voice && mediaType != "audio")
            {
                return NotAVoiceFile($"the media is {mediaType}");
            }
            return Media(mediaType, new JsonObject { ["id"] = mediaId }, caption, OneMsgFields.Text(body, "filename"), voice);
        }
        if (OneMsgFields.Text(body, "body") is not { Length: > 0 } link)
        {
            return OneMsgMapper.Missing("body");
        }
        if (!OneMsgFiles.IsLink(link))
        {
            return OneMsgMapper.Invalid("The parameter body must be an http(s) link, a base64 data URI (data:image/jpeg;base64,…) or a form-data file.");
        }
        if (OneMsgFields.Text(body, "filename") is not { Length: > 0 } filename)
        {
            return OneMsgMapper.Missing("filename");
        }
        if (voice && !VoiceExtensions.Contains(Path.GetExtension(filename), StringComparer.OrdinalIgnoreCase))
        {
            return NotAVoiceFile($"the file is {filename}");
        }
        var type = TypeByExtension.GetValueOrDefault(Path.GetExtension(filename), "document");
        return Media(type, new JsonObject { ["link"] = link }, caption, filename, voice);
    }

    public static Outcome<JsonObject> Sticker(JsonObject body)
    {
        var sticker = OneMsgFields.Text(body, "mediaId") is { Length: > 0 } mediaId
            ? new JsonObject { ["id"] = mediaId }
            : OneMsgFields.Text(body, "link") is { Length: > 0 } link ? new JsonObject { ["link"] = link } : null;
        return sticker is null ? OneMsgMapper.Missing("mediaId or link") : new JsonObject { ["type"] = "sticker", ["sticker"] = sticker };
    }

    /// <summary>Captions go on images, videos and documents; file names on documents (the Cloud API allows no others).</summary>
    private static JsonObject Media(string type, JsonObject media, string? caption, string? filename, bool voice = false)
    {
        if (voice)
        {
            media["voice"] = true;
        }
        if (caption is { Length: > 0 } && type is "image" or "video" or "document")
        {
            media["caption"] = caption;
        }
        if (filename is { Length: > 0 } && type == "document")
        {
            media["filename"] = filename;
        }
        return new JsonObject { ["type"] = type, [type] = media };
    }
}
