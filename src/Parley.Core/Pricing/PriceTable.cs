using Parley.Core.Users;

namespace Parley.Core.Pricing;

/// <summary>
/// What Meta charges per delivered message, by pricing category and the recipient's market (M:pricing, per-message
/// pricing). Configurable (<c>Parley:Pricing</c>); the defaults are a handful of markets and a rate for the rest,
/// illustrative figures in the shape of Meta's rate card, to be replaced by the rates a business actually pays.
/// </summary>
public sealed record PriceTable
{
    /// <summary>The currency of every rate (Meta's rate card is in USD).</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>
    /// From when messages inside an open customer service window are charged: non-template (<c>service</c>) messages and
    /// utility templates, at the market's <see cref="PriceRates.Service"/> and <see cref="PriceRates.Utility"/> rates.
    /// Meta announced on 1 July 2026 that service messages are billed from 1 October 2026; before it they are
    /// <c>free_customer_service</c>. Null: never charged.
    /// </summary>
    public DateTimeOffset? CustomerServiceChargedFrom { get; init; } = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The rates of a recipient in no listed market (Meta's "Other").</summary>
    public PriceRates Default { get; init; } = new()
    {
        Marketing = 0.0604m, Utility = 0.0077m, Authentication = 0.0077m, Service = 0.0077m,
    };

    /// <summary>Markets by country code (ISO 3166 alpha-2, or a region code such as <c>NA</c>), each with its calling code.</summary>
    public Dictionary<string, PriceRates> Markets { get; init; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NA"] = new() { CallingCode = "1", Countries = ["US", "CA"], Marketing = 0.0250m, Utility = 0.0034m, Authentication = 0.0034m, Service = 0.0034m },
        ["BR"] = new() { CallingCode = "55", Marketing = 0.0625m, Utility = 0.0068m, Authentication = 0.0068m, Service = 0.0068m },
        ["MX"] = new() { CallingCode = "52", Marketing = 0.0305m, Utility = 0.0085m, Authentication = 0.0085m, Service = 0.0085m },
        ["GB"] = new() { CallingCode = "44", Marketing = 0.0529m, Utility = 0.0220m, Authentication = 0.0358m, Service = 0.0220m },
        ["DE"] = new() { CallingCode = "49", Marketing = 0.1365m, Utility = 0.0550m, Authentication = 0.0768m, Service = 0.0550m },
        ["IN"] = new() { CallingCode = "91", Marketing = 0.0118m, Utility = 0.0014m, Authentication = 0.0014m, AuthenticationInternational = 0.0280m, Service = 0.0014m },
        ["ID"] = new() { CallingCode = "62", Marketing = 0.0411m, Utility = 0.0250m, Authentication = 0.0250m, AuthenticationInternational = 0.1360m, Service = 0.0250m },
        ["NG"] = new() { CallingCode = "234", Marketing = 0.0516m, Utility = 0.0067m, Authentication = 0.0067m, AuthenticationInternational = 0.0750m, Service = 0.0067m },
    };

    /// <summary>The code a recipient in no listed market is recorded with.</summary>
    public const string OtherMarket = "OTHER";

    /// <summary>
    /// The market of a recipient: for a WhatsApp number (digits, country calling code first) the longest calling code
    /// that starts it; for a user known only by a BSUID the market of the BSUID's country (<see cref="Bsuid.CountryOf"/>),
    /// named by its code or listed in its <see cref="PriceRates.Countries"/>.
    /// </summary>
    public (string Country, PriceRates Rates) MarketOf(string recipient)
    {
        if (Bsuid.CountryOf(recipient) is { } country)
        {
            foreach (var (code, rates) in Markets)
            {
                if (string.Equals(code, country, StringComparison.OrdinalIgnoreCase) || rates.Countries.Contains(country, StringComparer.OrdinalIgnoreCase))
                {
                    return (code.ToUpperInvariant(), rates);
                }
            }
            return (OtherMarket, Default);
        }
        var best = (Country: OtherMarket, Rates: Default);
        var length = 0;
        foreach (var (code, rates) in Markets)
        {
            if (rates.CallingCode is { Length: > 0 } prefix && prefix.Length > length && recipient.StartsWith(prefix, StringComparison.Ordinal))
            {
                (best, length) = ((code.ToUpperInvariant(), rates), prefix.Length);
            }
        }
        return best;
    }

    /// <summary>A currency, and no negative rate anywhere.</summary>
    public bool IsValid() => !string.IsNullOrWhiteSpace(Currency) && Default.IsValid() && Markets.Values.All(m => m is not null && m.IsValid());

    /// <summary>Whether messages in the customer service window are charged at <paramref name="now"/>.</summary>
    public bool ChargesCustomerService(DateTimeOffset now) => CustomerServiceChargedFrom is { } from && now >= from;
}

/// <summary>One market's rates per message, in the table's currency.</summary>
public sealed record PriceRates
{
    /// <summary>The country calling code of the market's numbers (unused for the default rates).</summary>
    public string? CallingCode { get; init; }

    /// <summary>The ISO 3166 countries of a regional market (<c>NA</c>: US, CA), for users known only by a BSUID.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    public decimal Marketing { get; init; }
    public decimal Utility { get; init; }
    public decimal Authentication { get; init; }

    /// <summary>
    /// The rate of an authentication template from a business of another country, in markets where Meta charges
    /// authentication-international rates; null where it does not (the category is then plain <c>authentication</c>).
    /// </summary>
    public decimal? AuthenticationInternational { get; init; }

    /// <summary>A non-template message in the customer service window, once those are charged.</summary>
    public decimal Service { get; init; }

    /// <summary>A marketing template sent through the Marketing Messages Lite API; the marketing rate when unset.</summary>
    public decimal? MarketingLite { get; init; }

    /// <summary>No rate is negative.</summary>
    public bool IsValid() =>
        Marketing >= 0 && Utility >= 0 && Authentication >= 0 && Service >= 0 && AuthenticationInternational is null or >= 0 && MarketingLite is null or >= 0;

    /// <summary>The rate of <paramref name="category"/> (a <see cref="PricingCategories"/> value); 0 for free categories.</summary>
    public decimal For(string category) => category switch
    {
        PricingCategories.Marketing => Marketing,
        PricingCategories.MarketingLite => MarketingLite ?? Marketing,
        PricingCategories.Utility => Utility,
        PricingCategories.Authentication => Authentication,
        PricingCategories.AuthenticationInternational => AuthenticationInternational ?? Authentication,
        PricingCategories.Service => Service,
        _ => 0m,
    };
}
