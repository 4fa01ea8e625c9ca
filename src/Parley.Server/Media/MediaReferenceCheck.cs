using Parley.Core.Errors;
using Parley.Core.Media;
using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Server.Messaging;

namespace Parley.Server.Media;

/// <summary>
/// The accept path's media check: every media <c>id</c> a message names must be live media of the sending channel,
/// or the send is refused at once with Meta's code 100 "… is not a valid whatsapp business account media attachment
/// ID". A store lookup only; links are fetched later, at dispatch (<see cref="LinkMediaFetcher"/>).
/// </summary>
internal sealed class MediaReferenceCheck(MediaLibrary library) : ISendCheck
{
    public int Order => 1;

    public async ValueTask<WhatsAppError?> CheckAsync(Channel channel, SendMessageRequest request, CancellationToken cancellationToken)
    {
        if (!MediaReferences.CanName(request.Type))
        {
            return null;
        }
        foreach (var reference in MediaReferences.Of(request.Type, request.Payload))
        {
            if (reference.Id is null)
            {
                continue;
            }
            var media = await library.GetLiveAsync(reference.Id, cancellationToken);
            if (media is null || media.ChannelId != channel.PhoneNumberId)
            {
                return MediaChecks.InvalidMediaId(reference.Path);
            }
        }
        return null;
    }
}
