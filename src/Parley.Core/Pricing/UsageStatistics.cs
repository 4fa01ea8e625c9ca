namespace Parley.Core.Pricing;

/// <summary>How many messages of one category went out in a period, how many were charged, and what they cost.</summary>
public sealed record CategoryUsage(long Quantity, long PaidQuantity, decimal Price);

/// <summary>
/// One period's usage, added up from priced messages: what is charged (<c>billable</c> and <c>regular</c>), what is free
/// and why, and the split between business-initiated messages (templates outside a conversation the user started) and
/// user-initiated ones (replies in the customer service window, free entry point conversations).
/// </summary>
public sealed record UsageSummary(
    DateTimeOffset PeriodStart,
    long Quantity,
    long PaidQuantity,
    long FreeQuantity,
    long FreeCustomerService,
    long FreeEntryPoint,
    long BusinessInitiatedQuantity,
    long BusinessInitiatedPaidQuantity,
    decimal BusinessInitiatedPrice,
    long UserInitiatedQuantity,
    long UserInitiatedPaidQuantity,
    decimal UserInitiatedPrice,
    decimal TotalPrice,
    decimal TemplatesCost,
    IReadOnlyDictionary<string, CategoryUsage> ByCategory);

/// <summary>Adds up priced messages into usage per calendar month (UTC): the one computation every statistics endpoint uses.</summary>
public static class UsageStatistics
{
    /// <summary>The first instant of the UTC month of <paramref name="at"/>.</summary>
    public static DateTimeOffset MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A reply to the user (a non-template message, a free utility template in the window) or part of a free entry point conversation.</summary>
    public static bool IsUserInitiated(PricedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Category is PricingCategories.Service or PricingCategories.ReferralConversion
            || message.Type is PricingTypes.FreeCustomerService or PricingTypes.FreeEntryPoint;
    }

    /// <summary>Whether the message was charged.</summary>
    public static bool IsPaid(PricedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Billable && message.Type == PricingTypes.Regular;
    }

    /// <summary>The usage of each month that has priced messages, oldest first.</summary>
    public static IReadOnlyList<UsageSummary> ByMonth(IEnumerable<PricedMessage> messages) =>
        [.. messages.GroupBy(m => MonthOf(m.PricedAt)).OrderBy(g => g.Key).Select(g => Summarize(g.Key, g))];

    /// <summary>The usage of the messages of one period.</summary>
    public static UsageSummary Summarize(DateTimeOffset periodStart, IEnumerable<PricedMessage> messages)
    {
        var all = messages.ToList();
        var paid = all.Where(IsPaid).ToList();
        var user = all.Where(IsUserInitiated).ToList();
        var business = all.Where(m => !IsUserInitiated(m)).ToList();
        var byCategory = all.GroupBy(m => m.Category).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => new CategoryUsage(g.LongCount(), g.LongCount(IsPaid), g.Where(IsPaid).Sum(m => m.Price)), StringComparer.Ordinal);
        return new UsageSummary(
            periodStart,
            Quantity: all.Count,
            PaidQuantity: paid.Count,
            FreeQuantity: all.Count - paid.Count,
            FreeCustomerService: all.LongCount(m => m.Type == PricingTypes.FreeCustomerService),
            FreeEntryPoint: all.LongCount(m => m.Type == PricingTypes.FreeEntryPoint),
            BusinessInitiatedQuantity: business.Count,
            BusinessInitiatedPaidQuantity: business.LongCount(IsPaid),
            BusinessInitiatedPrice: business.Where(IsPaid).Sum(m => m.Price),
            UserInitiatedQuantity: user.Count,
            UserInitiatedPaidQuantity: user.LongCount(IsPaid),
            UserInitiatedPrice: user.Where(IsPaid).Sum(m => m.Price),
            TotalPrice: paid.Sum(m => m.Price),
            TemplatesCost: paid.Where(m => m.Category != PricingCategories.Service).Sum(m => m.Price),
            ByCategory: byCategory);
    }
}
