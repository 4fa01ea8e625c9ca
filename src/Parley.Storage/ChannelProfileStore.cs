using Parley.Core.Profiles;

namespace Parley.Storage;

/// <summary>A channel's business profile and phone-number state, as stored (one row per channel, deleted with it).</summary>
public sealed record ChannelProfile(string ChannelId, BusinessProfile Profile, PhoneNumberState Phone, DateTimeOffset UpdatedAt);

/// <summary>
/// Business profiles and phone-number state of channels. A channel without a row has none stored: callers apply
/// <see cref="BusinessProfile.Empty"/> and <see cref="PhoneNumberState.Default"/>.
/// </summary>
public interface IChannelProfileStore
{
    Task<ChannelProfile?> GetAsync(string channelId, CancellationToken cancellationToken);

    /// <summary>The stored rows of the account's channels (channels without a row are absent).</summary>
    Task<IReadOnlyList<ChannelProfile>> ListAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the channel's row. False when the channel does not exist.</summary>
    Task<bool> SaveAsync(ChannelProfile profile, CancellationToken cancellationToken);
}
