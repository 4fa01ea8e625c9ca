using Parley.Core.Model;
using Parley.Server.Upstreams.Sandbox;
using Parley.Storage;

namespace Parley.Server.Dialects.Bird;

/// <summary>
/// WhatsApp's 24-hour customer care window as the Channels dialect reports and enforces it: open until 24 hours after
/// the user last wrote (<see cref="IMessageStore.GetLastInboundAsync"/>), measured on the clock of the network the
/// channel sends through — the sandbox's own clock for sandbox channels — so it agrees with what the network (and so
/// the Cloud API dialect) decides for the same user.
/// </summary>
internal sealed class CustomerCareWindow(IMessageStore messages, SandboxClock sandboxClock, TimeProvider time)
{
    /// <summary>When the window closes (or closed); null when the user never wrote.</summary>
    public async Task<DateTimeOffset?> ExpiresAtAsync(Channel channel, string waId, CancellationToken cancellationToken) =>
        await messages.GetLastInboundAsync(channel.PhoneNumberId, waId, cancellationToken) is { } last
            ? last + SandboxUpstream.CustomerServiceWindow
            : null;

    public DateTimeOffset Now(Channel channel) => channel.Upstream == Channel.SandboxUpstream ? sandboxClock.GetUtcNow() : time.GetUtcNow();

    public async Task<bool> IsOpenAsync(Channel channel, string waId, CancellationToken cancellationToken) =>
        await ExpiresAtAsync(channel, waId, cancellationToken) is { } expires && Now(channel) < expires;
}
