using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Server.Upstreams;
using Parley.Storage;

namespace Parley.Server.Dialects.Bird;

/// <summary>
/// WhatsApp's 24-hour customer care window as the Channels dialect reports and enforces it: Core's
/// <see cref="CustomerServiceWindow"/> from the time the user last wrote (<see cref="IMessageStore.GetLastInboundAsync"/>),
/// measured on the clock of the network the channel sends through (<see cref="IUpstream.Clock"/>), so it agrees with
/// what dispatch (and so the Cloud API dialect) decides for the same user.
/// </summary>
internal sealed class CustomerCareWindow(IMessageStore messages, UpstreamRegistry upstreams)
{
    /// <summary>When the window closes (or closed); null when the user never wrote.</summary>
    public async Task<DateTimeOffset?> ExpiresAtAsync(Channel channel, string waId, CancellationToken cancellationToken) =>
        CustomerServiceWindow.ClosesAt(await messages.GetLastInboundAsync(channel.PhoneNumberId, waId, cancellationToken));

    public DateTimeOffset Now(Channel channel) => upstreams.NowFor(channel);

    public async Task<bool> IsOpenAsync(Channel channel, string waId, CancellationToken cancellationToken) =>
        CustomerServiceWindow.IsOpen(await messages.GetLastInboundAsync(channel.PhoneNumberId, waId, cancellationToken), Now(channel));
}
