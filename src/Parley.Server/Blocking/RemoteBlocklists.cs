using Parley.Core;
using Parley.Core.Model;

namespace Parley.Server.Blocking;

/// <summary>
/// A channel's blocklist kept by its upstream (Meta, for a <c>meta</c> channel): blocking, unblocking and listing are
/// made there, and the upstream's answer is the answer.
/// </summary>
internal interface IRemoteBlocklist
{
    /// <summary>Blocks (or unblocks) the users as given; per user, in the order given, what the upstream made of them.</summary>
    Task<Outcome<IReadOnlyList<BlockResult>>> ChangeAsync(IReadOnlyList<string> users, bool block, CancellationToken cancellationToken);

    /// <summary>A page of the upstream's blocklist, with the upstream's own cursors.</summary>
    Task<Outcome<RemoteBlocklistPage>> ListAsync(int limit, string? after, string? before, CancellationToken cancellationToken);
}

/// <summary>A page of a blocklist kept by an upstream: the users' WhatsApp ids and the upstream's cursors.</summary>
internal sealed record RemoteBlocklistPage(IReadOnlyList<string> WaIds, string? Before, string? After, bool HasBefore, bool HasAfter);

/// <summary>The blocklist of channels whose users are blocked elsewhere (Meta), or null for Parley's own channels.</summary>
internal interface IRemoteBlocklists
{
    IRemoteBlocklist? ForChannel(Channel channel);
}
