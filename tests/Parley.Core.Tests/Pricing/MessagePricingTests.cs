using Parley.Core.Model;
using Parley.Core.Pricing;

namespace Parley.Core.Tests.Pricing;

/// <summary>Meta's per-message pricing rules: category, type and price of one message.</summary>
public sealed class MessagePricingTests
{
    private static readonly DateTimeOffset Before = new(2026, 9, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset After = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly PriceTable Table = new();
    private const string UsUser = "16505551234";
    private const string IndianUser = "919812345678";

    private static ConversationPricing Price(string? template, string to, DateTimeOffset now, DateTimeOffset? lastInbound = null, DateTimeOffset? entryPoint = null, string business = "1", bool lite = false) =>
        MessagePricing.Decide(new PricingContext(template, to, business, lastInbound, entryPoint, now, lite), Table, "106540352242922");

    [Fact]
    public void ByDefaultMessagesInTheCustomerServiceWindowAreChargedFromOctober2026()
    {
        Table.CustomerServiceChargedFrom.ShouldBe(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero));

        Price(null, UsUser, Before, Before.AddHours(-1)).ShouldBe(new ConversationPricing("service", "free_customer_service", false, "NA", 0m, "USD"));
        Price(null, UsUser, After, After.AddHours(-1)).ShouldBe(new ConversationPricing("service", "regular", true, "NA", 0.0034m, "USD"));
        Price("UTILITY", UsUser, Before, Before.AddHours(-1)).PricingType.ShouldBe("free_customer_service");
        Price("UTILITY", UsUser, After, After.AddHours(-1)).ShouldBe(new ConversationPricing("utility", "regular", true, "NA", 0.0034m, "USD"));
    }

    [Fact]
    public void TemplatesAreChargedByTheirCategoryInTheRecipientsMarket()
    {
        Price("MARKETING", UsUser, Before, Before.AddHours(-1)).ShouldBe(new ConversationPricing("marketing", "regular", true, "NA", 0.025m, "USD"));
        Price("UTILITY", UsUser, Before, Before.AddHours(-25)).ShouldBe(new ConversationPricing("utility", "regular", true, "NA", 0.0034m, "USD"));
        Price("MARKETING", "5511987654321", Before).ShouldBe(new ConversationPricing("marketing", "regular", true, "BR", 0.0625m, "USD"));
        Price("MARKETING", "33612345678", Before).ShouldBe(new ConversationPricing("marketing", "regular", true, "OTHER", 0.0604m, "USD"));
        Price("MARKETING", UsUser, Before, lite: true).Category.ShouldBe("marketing_lite");
    }

    [Fact]
    public void AuthenticationIsInternationalOnlyFromABusinessOfAnotherCountryToAMarketWithSuchRates()
    {
        Price("AUTHENTICATION", IndianUser, Before).ShouldBe(new ConversationPricing("authentication_international", "regular", true, "IN", 0.028m, "USD"));
        Price("AUTHENTICATION", IndianUser, Before, business: "91").ShouldBe(new ConversationPricing("authentication", "regular", true, "IN", 0.0014m, "USD"));
        Price("AUTHENTICATION", UsUser, Before, business: "44").Category.ShouldBe("authentication");
    }

    [Fact]
    public void EveryMessageWithin72HoursOfAFreeEntryPointIsFreeWithOneConversation()
    {
        var entry = Before.AddHours(-1);
        var first = Price(null, UsUser, Before, entry, entry);
        var later = Price("MARKETING", UsUser, Before.AddHours(70), entry, entry);

        first.ShouldBe(later with { Conversation = first.Conversation });
        first.Category.ShouldBe("referral_conversion");
        first.PricingType.ShouldBe("free_entry_point");
        first.Billable.ShouldBeFalse();
        first.Price.ShouldBe(0m);
        first.Conversation.ShouldNotBeNull().ExpiresAt.ShouldBe(entry.AddHours(72));
        later.Conversation!.Id.ShouldBe(first.Conversation.Id);
        Price("MARKETING", UsUser, entry.AddHours(72), entry, entry).ShouldBe(new ConversationPricing("marketing", "regular", true, "NA", 0.025m, "USD"));
    }

    [Fact]
    public void TheLongestCallingCodeWinsAndAnUnsetChargeDateKeepsTheWindowFree()
    {
        var table = new PriceTable { CustomerServiceChargedFrom = null };
        table.Markets["BS"] = new PriceRates { CallingCode = "1242", Marketing = 0.05m };

        table.MarketOf("12425551234").Country.ShouldBe("BS");
        table.MarketOf(UsUser).Country.ShouldBe("NA");
        MessagePricing.Decide(new PricingContext(null, UsUser, "1", After.AddHours(-1), null, After), table, "1").PricingType.ShouldBe("free_customer_service");
    }

    [Fact]
    public void MetasCategoryIsPricedOnlyWhenCharged()
    {
        MessagePricing.Price("marketing", "regular", true, IndianUser, Table, null, "PMP").Price.ShouldBe(0.0118m);
        MessagePricing.Price("utility", "free_customer_service", false, IndianUser, Table, null, "PMP").Price.ShouldBe(0m);
        MessagePricing.Price("referral_conversion", "free_entry_point", false, IndianUser, Table, new EntryPointConversation("c", null), "PMP").Price.ShouldBe(0m);
    }

    [Fact]
    public void ATableWithANegativeRateOrNoCurrencyIsInvalid()
    {
        Table.IsValid().ShouldBeTrue();
        new PriceTable { Default = new PriceRates { Marketing = -0.01m } }.IsValid().ShouldBeFalse();
        new PriceTable { Currency = " " }.IsValid().ShouldBeFalse();
        var table = new PriceTable();
        table.Markets["XX"] = new PriceRates { CallingCode = "999", AuthenticationInternational = -1m };
        table.IsValid().ShouldBeFalse();
    }
}
