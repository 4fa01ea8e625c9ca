namespace Parley.Storage;

/// <summary>A user on a number's blocklist: listed by <see cref="WaId"/> (the phone number, or the BSUID of a user known only by it).</summary>
/// <param name="UserId">The user's BSUID when known, so either identity finds the block.</param>
public sealed record BlockedUser(string WaId, string? UserId, DateTimeOffset BlockedAt);

/// <summary>A page of a blocklist, newest block first, from <paramref name="Offset"/>; <paramref name="Version"/> changes whenever the list does.</summary>
public sealed record BlocklistPage(IReadOnlyList<BlockedUser> Users, int Offset, int Total, long Version);

/// <summary>
/// Each business number's blocklist (Meta, "Block users"). A block matches the user by any identity the channel knows
/// of them (<see cref="IUserStore"/> aliases), so a user blocked by phone number is blocked by BSUID too, and after a
/// change of number or BSUID.
/// </summary>
public interface IBlockStore
{
    /// <summary>
    /// Adds the users to the channel's blocklist, up to <paramref name="capacity"/> users in all; a user already on it stays.
    /// Returns, per user in order, whether they are blocked now (false: no room left).
    /// </summary>
    Task<IReadOnlyList<bool>> BlockAsync(string channelId, IReadOnlyList<BlockedUser> users, int capacity, CancellationToken cancellationToken);

    /// <summary>Removes every block of the users named by <paramref name="identities"/> (any identity of each); unknown ones are no-ops.</summary>
    Task UnblockAsync(string channelId, IReadOnlyList<string> identities, CancellationToken cancellationToken);

    /// <summary>Whether the user with identity <paramref name="identity"/> (phone number or BSUID) is on the channel's blocklist.</summary>
    Task<bool> IsBlockedAsync(string channelId, string identity, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> blocked users from <paramref name="offset"/>, newest block first.</summary>
    Task<BlocklistPage> ListAsync(string channelId, int offset, int limit, CancellationToken cancellationToken);
}
