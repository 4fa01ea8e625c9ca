using Parley.Core.Errors;
using Parley.Core.Pricing;

namespace Parley.Core.Analytics;

/// <summary>
/// WhatsApp's template analytics rules (seed 000 "Template Analytics", digest A.9; Meta, "Template analytics"): one day
/// per data point, at most 10 templates a request, clicks of MARKETING and UTILITY templates only, read and click counters
/// kept for 7 days after the send, and no analytics for businesses of the EU, the UK or Japan.
/// </summary>
public static class TemplateAnalyticsRules
{
    /// <summary>Seed 000: "Maximum 10 template_ids per request".</summary>
    public const int MaxTemplateIds = 10;

    /// <summary>Seed 000: "Only DAILY is supported".</summary>
    public const string Daily = "DAILY";

    /// <summary>Meta: template analytics look back at most 90 days.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(90);

    /// <summary>Seed 000: read and click events count only for 7 days from the send; later ones are not recorded.</summary>
    public static readonly TimeSpan ReadAndClickWindow = TimeSpan.FromDays(7);

    /// <summary>Seed 000: the error when analytics are off.</summary>
    public const string DisabledText = "Template analytics is disabled for this channel.";

    /// <summary>Seed 000: "Button click analytics are available only for MARKETING and UTILITY template categories."</summary>
    public static bool CountsClicks(string templateCategory) =>
        string.Equals(templateCategory, "MARKETING", StringComparison.OrdinalIgnoreCase) || string.Equals(templateCategory, "UTILITY", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The country calling codes whose business numbers get no template analytics (seed 000: "accounts with a business
    /// phone number containing the country code of the UK, Japan, or an EU country/region"): the 27 EU members, the UK, Japan.
    /// </summary>
    public static readonly IReadOnlySet<string> ExcludedCallingCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "43", "32", "359", "385", "357", "420", "45", "372", "358", "33", "49", "30", "36", "353", "39", "371", "370", "352",
        "356", "31", "48", "351", "40", "421", "386", "34", "46", "44", "81",
    };

    /// <summary>Whether a business number of this calling code is excluded from template analytics.</summary>
    public static bool IsExcluded(string businessCallingCode) => ExcludedCallingCodes.Contains(businessCallingCode);

    /// <summary>The refusal of template analytics for an account with a business number of <paramref name="callingCode"/>.</summary>
    public static WhatsAppError NotSupported(string callingCode) => ErrorCatalog.TemplateAnalyticsNotSupported.With(
        $"Template analytics are not supported for WhatsApp Business Accounts with a business phone number of the EU, the UK or Japan (+{callingCode}).");

    /// <summary>The refusal of template analytics for an account with any of these business numbers' calling codes; null when none is excluded.</summary>
    public static WhatsAppError? CheckSupported(IEnumerable<string> businessCallingCodes) =>
        businessCallingCodes.FirstOrDefault(IsExcluded) is { } code ? NotSupported(code) : null;

    /// <summary>The metric types of seed 000 (<c>metric_types</c>); Parley computes the first five, the conversion metrics have no source.</summary>
    public static readonly IReadOnlyList<string> MetricTypes =
    [
        "SENT", "DELIVERED", "READ", "CLICKED", "COST", "APP_ACTIVATIONS", "APP_ADD_TO_CART", "APP_CHECKOUTS_INITIATED", "APP_PURCHASES",
        "APP_PURCHASES_CONVERSION_VALUE", "WEBSITE_ADD_TO_CART", "WEBSITE_CHECKOUTS_INITIATED", "WEBSITE_PURCHASES", "WEBSITE_PURCHASES_CONVERSION_VALUE",
    ];

    public const string CloudApi = "CLOUD_API";
    public const string MarketingMessagesLite = "MARKETING_MESSAGES_LITE_API";

    /// <summary>Whether a send priced in <paramref name="pricingCategory"/> belongs to <paramref name="productType"/>.</summary>
    public static bool IsOfProduct(string? pricingCategory, string productType) =>
        (pricingCategory == PricingCategories.MarketingLite) == (productType == MarketingMessagesLite);
}
