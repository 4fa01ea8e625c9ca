using System.Text.Json.Nodes;
using Parley.Core.Errors;
using Parley.Core.Media;
using Parley.Core.Model;

namespace Parley.Server.Media;

/// <summary>
/// What the simulated WhatsApp does with a message's media when it sends it: media by id must still be the channel's
/// (it may have been deleted since acceptance), media by link is fetched (<see cref="LinkMediaFetcher"/>), and either
/// must be of the message's kind and within its size limit. A failure fails the message with 131053.
/// </summary>
internal sealed class OutboundMedia(MediaLibrary library, LinkMediaFetcher links)
{
    public async Task<WhatsAppError?> CheckAsync(Channel channel, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (!MediaReferences.CanName(message.Type) || JsonNode.Parse(message.Payload) is not JsonObject payload)
        {
            return null;
        }
        foreach (var reference in MediaReferences.Of(message.Type, payload))
        {
            var error = reference.Id is { } id
                ? await CheckIdAsync(channel, id, reference.Kind, cancellationToken)
                : await CheckLinkAsync(channel, reference.Link!, reference.Kind, cancellationToken);
            if (error is not null)
            {
                return error;
            }
        }
        return null;
    }

    private async Task<WhatsAppError?> CheckIdAsync(Channel channel, string id, MediaKind kind, CancellationToken cancellationToken)
    {
        var media = await library.GetLiveAsync(id, cancellationToken);
        if (media is null || media.ChannelId != channel.PhoneNumberId)
        {
            return ErrorCatalog.MediaUploadError.With($"Media upload error: media {id} was deleted or has expired.");
        }
        return MediaChecks.CheckForMessage(kind, media.MimeType, media.FileSize);
    }

    private async Task<WhatsAppError?> CheckLinkAsync(Channel channel, string link, MediaKind kind, CancellationToken cancellationToken)
    {
        var fetched = await links.FetchAsync(channel.PhoneNumberId, link, kind, cancellationToken);
        return fetched.Succeeded ? MediaChecks.CheckForMessage(kind, fetched.Value.MimeType, fetched.Value.FileSize) : fetched.Error;
    }
}
