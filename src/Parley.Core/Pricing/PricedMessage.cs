namespace Parley.Core.Pricing;

/// <summary>One outbound message as it was priced when a status reported its pricing.</summary>
/// <param name="Country">The recipient's market in the price table (<see cref="PriceTable.OtherMarket"/> when unlisted).</param>
/// <param name="PricedAt">The time of the status that carried the pricing (the network's time).</param>
public sealed record PricedMessage(
    string MessageId,
    string Category,
    string Type,
    bool Billable,
    string Country,
    decimal Price,
    string Currency,
    DateTimeOffset PricedAt)
{
    /// <summary>Prices are stored as whole millionths of the currency.</summary>
    public static long ToMicros(decimal price) => (long)decimal.Round(price * 1_000_000m, MidpointRounding.AwayFromZero);

    public static decimal FromMicros(long micros) => micros / 1_000_000m;
}
