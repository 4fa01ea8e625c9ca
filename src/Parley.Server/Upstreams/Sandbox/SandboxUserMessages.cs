using Parley.Core.Model;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// The one way a simulated user's own message reaches the business, whatever the user did to send it (wrote, scanned a
/// QR code, ordered, tapped an ice breaker, completed a flow, opened the chat): counted against WhatsApp's inbound
/// limits, then ingested — unless the business blocked the user, when WhatsApp never delivers it (Meta, "Block users").
/// </summary>
internal sealed class SandboxUserMessages(IBlockStore blocks, Ingest ingest, SandboxRateLimits limits)
{
    /// <summary>Delivers <paramref name="inbound"/> to the business; false when it was dropped because the user is blocked.</summary>
    public async Task<bool> DeliverAsync(Channel channel, InboundEvent inbound, CancellationToken cancellationToken)
    {
        if (await SandboxBlocklist.BlockedAsync(blocks, inbound, cancellationToken))
        {
            return false;
        }
        limits.Inbound(channel, inbound.At);
        await ingest.ApplyAsync([inbound], cancellationToken);
        return true;
    }

    /// <summary>The simulator's answer for <paramref name="inbound"/>: marked not delivered when it was dropped.</summary>
    public async Task<SandboxApi.InboundAccepted> AnswerAsync(Channel channel, InboundEvent inbound, CancellationToken cancellationToken)
    {
        var accepted = SandboxApi.Accepted(inbound);
        return await DeliverAsync(channel, inbound, cancellationToken) ? accepted : SandboxBlocklist.NotDelivered(accepted);
    }
}
