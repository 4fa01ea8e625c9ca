using Parley.Core.Users;

namespace Parley.Storage;

/// <summary>
/// The WhatsApp users a channel has heard from. Every identity ever seen of a user — phone number, BSUID, parent BSUID,
/// and the old ones after a change of number or BSUID — is an alias of one conversation key, so the 24-hour window,
/// message history and reactions follow the user, not one identity. Ingest keeps it up to date in the same transaction
/// as the inbound message (<see cref="IEventStore"/>); this reads it.
/// </summary>
public interface IUserStore
{
    /// <summary>What the channel knows of the user with identity <paramref name="identity"/> (phone number or BSUID), or null.</summary>
    Task<WhatsAppUser?> FindAsync(string channelId, string identity, CancellationToken cancellationToken);

    /// <summary>Every identity of the user with identity <paramref name="identity"/>, itself included, ordered.</summary>
    Task<IReadOnlyList<string>> IdentitiesAsync(string channelId, string identity, CancellationToken cancellationToken);
}
