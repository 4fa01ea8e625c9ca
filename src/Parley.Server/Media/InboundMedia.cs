using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Parley.Core.Errors;
using Parley.Core.Media;
using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Media;

/// <summary>
/// Media a simulated user sends: the simulator request's media object carries the bytes as <c>data</c> (base64), or
/// nothing and Parley makes some up (<c>size</c> bytes, 1 KB by default), or the <c>id</c> of media the channel already
/// has. The bytes become media of the channel, kept 7 days, and the object becomes what the inbound webhook carries:
/// <c>{id, mime_type, sha256 (base64), caption?, filename?, voice?, animated?}</c> (cloud-api-digest §3.5).
/// </summary>
internal sealed class InboundMedia(MediaLibrary library)
{
    private const int GeneratedDefaultBytes = 1024;

    /// <summary>The MIME type a user's media has when the simulator request names none.</summary>
    private static readonly Dictionary<MediaKind, string> DefaultMimeTypes = new()
    {
        [MediaKind.Audio] = "audio/ogg; codecs=opus",
        [MediaKind.Document] = "application/pdf",
        [MediaKind.Image] = "image/jpeg",
        [MediaKind.Sticker] = "image/webp",
        [MediaKind.Video] = "video/mp4",
    };

    /// <summary>Stores the media of a simulator request (in place); null when there is none or it went well.</summary>
    public async Task<WhatsAppError?> StoreAsync(Channel channel, JsonObject request, CancellationToken cancellationToken)
    {
        var type = request["type"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (MediaKinds.FromTypeName(type) is not { } kind || request[type!] is not JsonObject media)
        {
            return null;
        }
        if (media["data"] is null && media["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var id))
        {
            var existing = await library.GetLiveAsync(id, cancellationToken);
            if (existing is null || existing.ChannelId != channel.PhoneNumberId)
            {
                return ErrorCatalog.ParameterValueNotValid.With($"Media {id} is not media of this channel.");
            }
            Describe(media, existing);
            return null;
        }
        var mimeType = media["mime_type"] is JsonValue mime && mime.TryGetValue<string>(out var given) && given.Length > 0 ? given : DefaultMimeTypes[kind];
        var bytes = Bytes(media);
        if (bytes is null)
        {
            return ErrorCatalog.ParameterValueNotValid.With("data must be base64, and size a number of bytes from 1 to 1048576.");
        }
        var fileName = kind == MediaKind.Document && media["filename"] is JsonValue name && name.TryGetValue<string>(out var file) ? file : null;
        var draft = new MediaDraft(channel.PhoneNumberId, kind.TypeName(), mimeType, fileName, MediaOrigins.Inbound, MediaRules.InboundMaxBytes, MediaRules.InboundRetention);
        using var content = new MemoryStream(bytes, writable: false);
        var saved = await library.SaveAsync(draft, content, cancellationToken);
        if (saved is null)
        {
            return ErrorCatalog.MediaDownloadError.With($"Media file size too big. Max file size we currently support: {MediaChecks.Describe(MediaRules.InboundMaxBytes)}.");
        }
        Describe(media, saved);
        return null;
    }

    /// <summary>The webhook's view of the media: id, mime_type, sha256 (base64, as Meta sends it); caption and the rest stay.</summary>
    private static void Describe(JsonObject media, MediaRecord stored)
    {
        media.Remove("data");
        media.Remove("size");
        media["id"] = stored.Id;
        media["mime_type"] = stored.MimeType;
        media["sha256"] = Convert.ToBase64String(Convert.FromHexString(stored.Sha256));
    }

    private const int MaxGeneratedBytes = 1024 * 1024;

    private static byte[]? Bytes(JsonObject media)
    {
        if (media["data"] is JsonValue data)
        {
            try
            {
                return data.TryGetValue<string>(out var base64) ? Convert.FromBase64String(base64) : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
        var size = GeneratedDefaultBytes;
        if (media["size"] is JsonValue sizeValue && (!sizeValue.TryGetValue(out size) || size is < 1 or > MaxGeneratedBytes))
        {
            return null;
        }
        return RandomNumberGenerator.GetBytes(size);
    }
}
