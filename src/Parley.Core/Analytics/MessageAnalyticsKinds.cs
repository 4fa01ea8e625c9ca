using Parley.Core.Pricing;

namespace Parley.Core.Analytics;

/// <summary>
/// The two WABA analytics fields over priced messages (Meta, "Analytics"; Graph <c>WhatsAppBusinessAccountPricingAnalytics</c>
/// and <c>…ConversationAnalytics</c>):
/// <c>pricing_analytics</c>, per-message pricing's own (volume and cost by pricing category, pricing type, country,
/// phone and tier), and <c>conversation_analytics</c>, the older conversation-based form, answered from the same
/// records: under per-message pricing each priced message is its own billing unit, so it counts as one conversation
/// (UNCONFIRMED: Meta's answer for per-message periods), typed <c>FREE_ENTRY</c> (free entry point), <c>FREE_TIER</c>
/// (free customer service, as the 1msg statistics count it) or <c>REGULAR</c>, and user- or business-initiated as
/// <see cref="UsageStatistics.IsUserInitiated"/> tells.
/// </summary>
public static class MessageAnalyticsKinds
{
    /// <summary>
    /// The volume tier of every message: Parley's price table has one rate per category and market, no volume tiers,
    /// so every message is in the first tier (UNCONFIRMED: the way Meta writes a tier).
    /// </summary>
    public const string FirstTier = "0";

    /// <summary>A message's market passes a country filter when it is that market or the market lists the country (<c>US</c> in <c>NA</c>).</summary>
    public static Func<AnalyzedMessage, string, bool> CountryMatches(PriceTable prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        return (message, code) => string.Equals(message.Priced.Country, code, StringComparison.OrdinalIgnoreCase)
            || (prices.Markets.TryGetValue(message.Priced.Country, out var market) && market.Countries.Contains(code, StringComparer.OrdinalIgnoreCase));
    }

    private static AnalyticsDimension Country(PriceTable prices) =>
        new("COUNTRY", "country", "country_codes", m => m.Priced.Country) { Matches = CountryMatches(prices) };

    private static readonly AnalyticsDimension Phone =
        new("PHONE", "phone_number", "phone_numbers", m => m.PhoneNumber) { Matches = (m, number) => m.PhoneNumber == Digits(number) };

    /// <summary><c>pricing_analytics</c>: <c>VOLUME</c> and <c>COST</c> by <c>PRICING_CATEGORY</c>, <c>PRICING_TYPE</c>, <c>COUNTRY</c>, <c>PHONE</c>, <c>TIER</c>.</summary>
    public static MessageAnalyticsKind Pricing(PriceTable prices) => new(
        "pricing_analytics", "VOLUME", "volume",
        [
            new("PRICING_CATEGORY", "pricing_category", "pricing_categories", m => m.Priced.Category.ToUpperInvariant()),
            new("PRICING_TYPE", "pricing_type", "pricing_types", m => m.Priced.Type.ToUpperInvariant()),
            Country(prices),
            Phone,
            new("TIER", "tier", "tiers", _ => FirstTier),
        ],
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["pricing_categories"] = [.. PricingCategories.All.Select(c => c.ToUpperInvariant())],
            ["pricing_types"] = [.. new[] { PricingTypes.Regular, PricingTypes.FreeCustomerService, PricingTypes.FreeEntryPoint }.Select(t => t.ToUpperInvariant())],
        });

    /// <summary><c>conversation_analytics</c>: <c>CONVERSATION</c> and <c>COST</c> by category, type, direction, country and phone.</summary>
    public static MessageAnalyticsKind Conversation(PriceTable prices) => new(
        "conversation_analytics", "CONVERSATION", "conversation",
        [
            new("CONVERSATION_CATEGORY", "conversation_category", "conversation_categories", m => m.Priced.Category.ToUpperInvariant()),
            new("CONVERSATION_TYPE", "conversation_type", "conversation_types", m => ConversationType(m.Priced)),
            new("CONVERSATION_DIRECTION", "conversation_direction", "conversation_directions",
                m => UsageStatistics.IsUserInitiated(m.Priced) ? "USER_INITIATED" : "BUSINESS_INITIATED"),
            Country(prices),
            Phone,
        ],
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["conversation_categories"] = [.. PricingCategories.All.Select(c => c.ToUpperInvariant())],
            ["conversation_types"] = ["FREE_ENTRY", "FREE_TIER", "REGULAR"],
            ["conversation_directions"] = ["BUSINESS_INITIATED", "USER_INITIATED"],
        });

    private static string ConversationType(PricedMessage message) => message.Type switch
    {
        PricingTypes.FreeEntryPoint => "FREE_ENTRY",
        PricingTypes.FreeCustomerService => "FREE_TIER",
        _ => "REGULAR",
    };

    /// <summary>A phone number as Meta writes it in analytics: its digits.</summary>
    public static string Digits(string number) => new([.. number.Where(char.IsAsciiDigit)]);
}
