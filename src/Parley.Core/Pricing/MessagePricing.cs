using System.Security.Cryptography;
using System.Text;
using Parley.Core.Messages;
using Parley.Core.Model;

namespace Parley.Core.Pricing;

/// <summary>What a network knows about an outbound message when it prices it.</summary>
/// <param name="TemplateCategory">The stored template's category (<c>MARKETING</c>, <c>UTILITY</c>, <c>AUTHENTICATION</c>); null for a non-template message.</param>
/// <param name="RecipientWaId">The user's number, digits with the country calling code.</param>
/// <param name="BusinessCallingCode">The country calling code of the business number.</param>
/// <param name="LastInbound">When the user last wrote (the customer service window); null when never.</param>
/// <param name="EntryPointAt">When the user last wrote from a free entry point (a message with a <c>referral</c>); null when never.</param>
/// <param name="Now">The network's time of the send.</param>
/// <param name="MarketingLite">The message went through the Marketing Messages Lite API.</param>
public sealed record PricingContext(
    string? TemplateCategory,
    string RecipientWaId,
    string BusinessCallingCode,
    DateTimeOffset? LastInbound,
    DateTimeOffset? EntryPointAt,
    DateTimeOffset Now,
    bool MarketingLite = false);

/// <summary>
/// WhatsApp's per-message pricing (M:pricing): the category a message is priced in, whether it is charged, and its price
/// from the <see cref="PriceTable"/>. One place for the rules, used by the simulated network and by the mapping of Meta's
/// status webhooks.
/// </summary>
public static class MessagePricing
{
    /// <summary>A free entry point conversation lasts 72 hours (M:pricing, "Free entry point conversations").</summary>
    public static readonly TimeSpan EntryPointLength = TimeSpan.FromHours(72);

    /// <summary>The pricing of one message to an individual user.</summary>
    public static ConversationPricing Decide(PricingContext context, PriceTable table, string channelId)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(table);
        var (country, rates) = table.MarketOf(context.RecipientWaId);
        if (context.EntryPointAt is { } entry && context.Now < entry + EntryPointLength)
        {
            var conversation = new EntryPointConversation(ConversationId(channelId, context.RecipientWaId, entry), entry + EntryPointLength);
            return new ConversationPricing(PricingCategories.ReferralConversion, PricingTypes.FreeEntryPoint, false, country, 0m, table.Currency, conversation);
        }
        var category = Category(context, rates);
        var inWindow = CustomerServiceWindow.IsOpen(context.LastInbound, context.Now);
        var customerService = category == PricingCategories.Service || (category == PricingCategories.Utility && inWindow);
        if (customerService && !table.ChargesCustomerService(context.Now))
        {
            return new ConversationPricing(category, PricingTypes.FreeCustomerService, false, country, 0m, table.Currency);
        }
        return new ConversationPricing(category, PricingTypes.Regular, true, country, rates.For(category), table.Currency);
    }

    /// <summary>
    /// The priced category of the message: its template's category, <c>authentication_international</c> for an
    /// authentication template to a market with international rates from a business of another country, <c>service</c>
    /// for a non-template message.
    /// </summary>
    public static string Category(PricingContext context, PriceRates recipientMarket)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(recipientMarket);
        if (context.TemplateCategory is null)
        {
            return PricingCategories.Service;
        }
        var category = PricingCategories.ForTemplate(context.TemplateCategory);
        if (category == PricingCategories.Authentication && recipientMarket.AuthenticationInternational is not null
            && recipientMarket.CallingCode != context.BusinessCallingCode)
        {
            return PricingCategories.AuthenticationInternational;
        }
        return category == PricingCategories.Marketing && context.MarketingLite ? PricingCategories.MarketingLite : category;
    }

    /// <summary>The price Meta reports no figure for: the table's rate of a category Meta named in a status.</summary>
    public static ConversationPricing Price(string category, string type, bool billable, string waId, PriceTable table, EntryPointConversation? conversation, string pricingModel)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (country, rates) = table.MarketOf(waId);
        var price = billable && type == PricingTypes.Regular ? rates.For(category) : 0m;
        return new ConversationPricing(category, type, billable, country, price, table.Currency, conversation, pricingModel);
    }

    /// <summary>One id per free entry point conversation, the same in every status of it.</summary>
    private static string ConversationId(string channelId, string waId, DateTimeOffset entry)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{channelId}/{waId}/{entry.ToUnixTimeMilliseconds()}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
