namespace Parley.Core.Pricing;

/// <summary>
/// The <c>pricing.category</c> values of a status webhook under per-message pricing (PMP; M:pricing, M:webhooks status
/// reference): a template's category, <c>service</c> for a non-template message, <c>referral_conversion</c> for a message
/// inside a free entry point conversation.
/// </summary>
public static class PricingCategories
{
    public const string Marketing = "marketing";
    public const string Utility = "utility";
    public const string Authentication = "authentication";
    public const string AuthenticationInternational = "authentication_international";
    public const string Service = "service";
    public const string MarketingLite = "marketing_lite";
    public const string ReferralConversion = "referral_conversion";

    /// <summary>Every category Meta reports, in the order the price table and statistics list them.</summary>
    public static readonly IReadOnlyList<string> All =
        [Marketing, Utility, Authentication, AuthenticationInternational, Service, MarketingLite, ReferralConversion];

    /// <summary>The category a template of <paramref name="templateCategory"/> (<c>MARKETING</c>, <c>UTILITY</c>, <c>AUTHENTICATION</c>) is priced in.</summary>
    public static string ForTemplate(string? templateCategory) => templateCategory?.ToUpperInvariant() switch
    {
        "UTILITY" => Utility,
        "AUTHENTICATION" => Authentication,
        _ => Marketing,
    };
}

/// <summary>The <c>pricing.type</c> values: whether Meta charges the message, and why not.</summary>
public static class PricingTypes
{
    /// <summary>Charged at the category's rate.</summary>
    public const string Regular = "regular";

    /// <summary>Free: a non-template message or a utility template inside an open customer service window.</summary>
    public const string FreeCustomerService = "free_customer_service";

    /// <summary>Free: inside the 72-hour window that follows a click-to-WhatsApp ad or a Facebook Page call to action.</summary>
    public const string FreeEntryPoint = "free_entry_point";
}
