using Parley.Core.Messages;
using Parley.Core.Model;

namespace Parley.Server.Messaging;

/// <summary>
/// Passes a business's "mark as read" (and typing indicator) of an inbound message on to the upstream the message came
/// from. Called after Parley recorded the read; answers at once (no upstream I/O on the request): a relay queues the
/// call for its upstream and says whether the channel is its own.
/// </summary>
internal interface IReadReceiptRelay
{
    bool TryRelay(Channel channel, MarkReadRequest request);
}
