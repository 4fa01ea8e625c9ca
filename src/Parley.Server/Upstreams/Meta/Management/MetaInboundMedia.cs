using System.Text.Json.Nodes;
using Parley.Core.Media;
using Parley.Server.Media;
using Parley.Storage;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>
/// Media in an inbound message of a meta channel: Meta's webhook names Meta's media id, which your clients cannot fetch
/// from Parley. Parley asks Meta for it (<c>GET /{media-id}</c> → <c>url</c>, then that URL with the token), stores the
/// bytes as inbound media of the channel (<see cref="MediaLibrary"/>, 7 days) and rewrites the message's media
/// <c>id</c> (and <c>mime_type</c>, <c>sha256</c>) to Parley's, so <c>GET /{media-id}</c> at Parley serves it.
/// </summary>
internal sealed partial class MetaInboundMedia(MetaGraphClient graph, MediaLibrary library, ILogger<MetaInboundMedia> logger)
{
    /// <summary>
    /// Imports the message's media in place. False when Meta could not be asked now (the webhook is answered 503 so
    /// Meta delivers it again); true when done or there is nothing to import (a media id Meta refuses stays Meta's).
    /// </summary>
    public async Task<bool> ImportAsync(MetaSettings settings, string channelId, JsonObject message, CancellationToken cancellationToken)
    {
        var type = message["type"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : null;
        if (MediaKinds.FromTypeName(type) is not { } kind || message[type!] is not JsonObject media
            || media["id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var metaId) || !metaId.All(char.IsAsciiDigit))
        {
            return true;
        }
        var described = await graph.GetAsync(settings, metaId, cancellationToken);
        if (!described.Succeeded)
        {
            Log.NotImported(logger, channelId, described.Error.Code);
            return !Transient(described.Error);
        }
        if (described.Value["url"] is not JsonValue urlValue || !urlValue.TryGetValue<string>(out var url))
        {
            Log.NotImported(logger, channelId, 0);
            return true;
        }
        var mimeType = described.Value["mime_type"] is JsonValue m && m.TryGetValue<string>(out var given) && given.Length > 0
            ? given
            : media["mime_type"]?.GetValue<string>() ?? "application/octet-stream";
        var fileName = media["filename"] is JsonValue f && f.TryGetValue<string>(out var file) ? file : null;
        var draft = new MediaDraft(channelId, kind.TypeName(), mimeType, fileName, MediaOrigins.Inbound, MediaRules.InboundMaxBytes, MediaRules.InboundRetention);
        var saved = await graph.DownloadAsync(settings, url, (body, ct) => library.SaveAsync(draft, body, ct), cancellationToken);
        if (!saved.Succeeded)
        {
            Log.NotImported(logger, channelId, saved.Error.Code);
            return !Transient(saved.Error);
        }
        if (saved.Value is not { } stored)
        {
            Log.NotImported(logger, channelId, 0); // larger than WhatsApp's inbound limit: left as Meta's id
            return true;
        }
        media["id"] = stored.Id;
        media["mime_type"] = stored.MimeType;
        media["sha256"] = Convert.ToBase64String(Convert.FromHexString(stored.Sha256));
        return true;
    }

    private static bool Transient(Core.Errors.WhatsAppError error) => error.Definition.IsTransient || error.HttpStatus >= 500 || error.HttpStatus == 429;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Meta upstream: inbound media of channel {ChannelId} could not be fetched from Meta (error {Code}); it keeps Meta's media id")]
        public static partial void NotImported(ILogger logger, string channelId, int code);
    }
}
