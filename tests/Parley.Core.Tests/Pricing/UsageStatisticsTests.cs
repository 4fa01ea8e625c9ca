using Parley.Core.Pricing;

namespace Parley.Core.Tests.Pricing;

/// <summary>Usage added up from priced messages, per month.</summary>
public sealed class UsageStatisticsTests
{
    private static readonly DateTimeOffset March = new(2026, 3, 31, 23, 59, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset April = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private static PricedMessage Priced(string category, string type, decimal price, DateTimeOffset at) =>
        new(Guid.NewGuid().ToString("N"), category, type, type == "regular", "NA", price, "USD", at);

    [Fact]
    public void MessagesAreCountedPerUtcMonthByOriginAndCategory()
    {
        var months = UsageStatistics.ByMonth(
        [
            Priced("marketing", "regular", 0.025m, March),
            Priced("service", "free_customer_service", 0m, March),
            Priced("utility", "regular", 0.0034m, April),
            Priced("service", "regular", 0.0034m, April),
            Priced("referral_conversion", "free_entry_point", 0m, April),
        ]);

        months.Select(m => m.PeriodStart).ShouldBe([new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), April]);
        var march = months[0];
        (march.Quantity, march.PaidQuantity, march.FreeCustomerService, march.TemplatesCost, march.TotalPrice).ShouldBe((2L, 1L, 1L, 0.025m, 0.025m));
        var april = months[1];
        (april.Quantity, april.PaidQuantity, april.FreeQuantity, april.FreeEntryPoint).ShouldBe((3L, 2L, 1L, 1L));
        (april.BusinessInitiatedQuantity, april.BusinessInitiatedPrice).ShouldBe((1L, 0.0034m));
        (april.UserInitiatedQuantity, april.UserInitiatedPaidQuantity, april.UserInitiatedPrice).ShouldBe((2L, 1L, 0.0034m));
        april.TemplatesCost.ShouldBe(0.0034m);
        april.TotalPrice.ShouldBe(0.0068m);
        april.ByCategory["referral_conversion"].ShouldBe(new CategoryUsage(1, 0, 0m));
    }
}
