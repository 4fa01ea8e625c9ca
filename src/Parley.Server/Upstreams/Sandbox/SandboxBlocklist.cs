using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// The simulated network's side of a business blocking a user (Meta, "Block users"): the user cannot contact the
/// business, so what they send is never delivered — no inbound message, no webhook, no customer service window. Every
/// way a simulated user writes to a channel asks here first.
/// </summary>
internal static class SandboxBlocklist
{
    public const string NotDeliveredReason = "The business blocked this user: WhatsApp does not deliver their messages to it.";

    /// <summary>Whether the business blocked the sender of <paramref name="inbound"/>, by any identity they write with.</summary>
    public static async Task<bool> BlockedAsync(IBlockStore blocks, InboundEvent inbound, CancellationToken cancellationToken)
    {
        foreach (var identity in inbound.Identities)
        {
            if (await blocks.IsBlockedAsync(inbound.ChannelId, identity, cancellationToken))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The simulator's answer for a message WhatsApp did not deliver: its id, sender, <c>delivered: false</c> and why.</summary>
    public static SandboxApi.InboundAccepted NotDelivered(SandboxApi.InboundAccepted accepted) =>
        accepted with { Delivered = false, Reason = NotDeliveredReason };
}
