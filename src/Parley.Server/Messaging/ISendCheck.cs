using Parley.Core.Errors;
using Parley.Core.Messages;
using Parley.Core.Model;

namespace Parley.Server.Messaging;

/// <summary>
/// A check against stored state that WhatsApp answers synchronously when a message is sent (the number is registered,
/// media ids are the channel's, a template fits an approved template). Each feature registers its own; the door runs
/// them all, in <see cref="Order"/>, before it accepts a message.
/// </summary>
internal interface ISendCheck
{
    /// <summary>Lower runs first, in the order WhatsApp answers: registration, then media, then templates.</summary>
    int Order { get; }

    /// <summary>The error that refuses the message, or null.</summary>
    ValueTask<WhatsAppError?> CheckAsync(Channel channel, SendMessageRequest request, CancellationToken cancellationToken);
}
