using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Media;
using Parley.Core.Model;
using Parley.Server.Media;
using Parley.Storage;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>
/// Media sent by Parley's media id to a meta channel: Meta does not know Parley's ids, so the bytes are uploaded to
/// Meta once (<c>POST /{phone-number-id}/media</c>), Meta's media id is remembered beside Parley's (in the channel's
/// upstream ids, deleted with the channel), and the message goes with Meta's id. Media sent by <c>link</c> passes as it is.
/// </summary>
internal sealed partial class MetaOutboundMedia(MetaGraphClient graph, MediaLibrary library, IUpstreamMessageIds upstreamIds, ILogger<MetaOutboundMedia> logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _uploads = new(StringComparer.Ordinal);

    /// <summary>The payload with Meta's media id in place of Parley's; Meta's error when the upload failed.</summary>
    public async Task<Outcome<string>> RewriteAsync(Channel channel, MetaSettings settings, string payload, CancellationToken cancellationToken)
    {
        if (!payload.Contains("\"id\"", StringComparison.Ordinal) || JsonNode.Parse(payload) is not JsonObject root
            || root["type"] is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var type)
            || MediaKinds.FromTypeName(type) is null || root[type] is not JsonObject media
            || media["id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var mediaId))
        {
            return payload;
        }
        var metaId = await MetaIdAsync(channel.PhoneNumberId, mediaId, cancellationToken);
        if (metaId is null)
        {
            // One upload per media on this node: messages sharing it wait for the first one's upload.
            var gate = _uploads.GetOrAdd(channel.PhoneNumberId + "/" + mediaId, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken);
            try
            {
                metaId = await MetaIdAsync(channel.PhoneNumberId, mediaId, cancellationToken);
                if (metaId is null)
                {
                    var uploaded = await UploadAsync(channel, settings, mediaId, cancellationToken);
                    if (!uploaded.Succeeded)
                    {
                        return uploaded.Error;
                    }
                    metaId = uploaded.Value;
                    await upstreamIds.RememberAsync(channel.PhoneNumberId, mediaId, metaId, cancellationToken);
                }
            }
            finally
            {
                gate.Release();
                _uploads.TryRemove(channel.PhoneNumberId + "/" + mediaId, out _);
            }
        }
        media["id"] = metaId;
        return root.ToJsonString();
    }

    private async Task<string?> MetaIdAsync(string channelId, string mediaId, CancellationToken cancellationToken) =>
        (await upstreamIds.FindUpstreamAsync(channelId, [mediaId], cancellationToken)).GetValueOrDefault(mediaId);

    private async Task<Outcome<string>> UploadAsync(Channel channel, MetaSettings settings, string mediaId, CancellationToken cancellationToken)
    {
        var record = await library.GetLiveAsync(mediaId, cancellationToken);
        if (record is null || record.ChannelId != channel.PhoneNumberId || library.Open(record) is not { } bytes)
        {
            // Not Parley's media (or gone): it goes as it is, and Meta answers for it.
            return mediaId;
        }
        await using (bytes)
        {
            using var file = new StreamContent(bytes);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(record.MimeType);
            using var form = new MultipartFormDataContent
            {
                { new StringContent("whatsapp"), "messaging_product" },
                { new StringContent(record.MimeType), "type" },
                { file, "file", record.FileName ?? mediaId },
            };
            var answer = await graph.SendAsync(settings, HttpMethod.Post, $"{settings.PhoneNumberId}/media", form, cancellationToken);
            if (!answer.Succeeded)
            {
                Log.UploadFailed(logger, channel.PhoneNumberId, answer.Error.Code);
                return answer.Error;
            }
            return answer.Value["id"] is JsonValue id && id.ToString() is { Length: > 0 } metaId
                ? metaId
                : ErrorCatalog.ServiceTemporarilyUnavailable.With("Meta took the media upload without answering its id.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Meta upstream: uploading media of channel {ChannelId} to Meta failed (error {Code})")]
        public static partial void UploadFailed(ILogger logger, string channelId, int code);
    }
}
