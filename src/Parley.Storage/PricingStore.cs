using Parley.Core.Pricing;

namespace Parley.Storage;

/// <summary>
/// The pricing of each outbound message, recorded when a status reports it (by the event stores, in the status's own
/// transaction); read here for statistics.
/// </summary>
public interface IPricingStore
{
    /// <summary>The channel's messages priced in <c>[from, to)</c>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PricedMessage>> ListAsync(string channelId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);

    /// <summary>The pricing recorded for one message, or null.</summary>
    Task<PricedMessage?> GetAsync(string messageId, CancellationToken cancellationToken);
}
