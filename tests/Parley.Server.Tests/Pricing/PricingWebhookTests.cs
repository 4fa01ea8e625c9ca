using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Pricing;

/// <summary>
/// The PMP <c>pricing</c> object of status webhooks, per category and window, before service messages are charged
/// (<c>CustomerServiceChargedFrom</c> far ahead): the rules Meta applied from July 2025 to September 2026.
/// </summary>
public sealed class PricingWebhookTests() : SubscribedParleyTest(new Dictionary<string, string?>
{
    ["Parley:Pricing:CustomerServiceChargedFrom"] = "2099-01-01T00:00:00Z",
})
{
    private const string User = "16505550123";
    private const string IndianUser = "+919812345678";

    [Fact]
    public async Task AReplyInsideTheWindowIsAFreeServiceMessageWithoutConversationObject()
    {
        await CloudApi.UserWritesAsync(Client, User);
        var id = await CloudApi.SendOkAsync(Client, CloudApi.Text(User));

        var sent = await PricingKit.SentStatusAsync(Receiver, id);
        ShouldBePricing(sent, "service", "free_customer_service", billable: false);
        sent["conversation"].ShouldBeNull();
        (await RecordedAsync(id))["price"]!.GetValue<decimal>().ShouldBe(0m);
    }

    [Fact]
    public async Task AMarketingTemplateIsChargedEvenInsideTheWindow()
    {
        await PricingKit.CreateTemplatesAsync(Client);
        await CloudApi.UserWritesAsync(Client, User);

        var id = await CloudApi.SendOkAsync(Client, PricingKit.Template(User, "spring_sale"));

        ShouldBePricing(await PricingKit.SentStatusAsync(Receiver, id), "marketing", "regular", billable: true);
        var recorded = await RecordedAsync(id);
        recorded["price"]!.GetValue<decimal>().ShouldBe(0.025m);
        recorded["country"]!.GetValue<string>().ShouldBe("NA");
    }

    [Fact]
    public async Task AUtilityTemplateIsFreeInsideTheWindowAndChargedOutsideIt()
    {
        await PricingKit.CreateTemplatesAsync(Client);
        await CloudApi.UserWritesAsync(Client, User);
        var inside = await CloudApi.SendOkAsync(Client, PricingKit.Template(User, "shipping_update"));
        ShouldBePricing(await PricingKit.SentStatusAsync(Receiver, inside), "utility", "free_customer_service", billable: false);

        await PricingKit.AdvanceAsync(Admin, TimeSpan.FromHours(25));
        var outside = await CloudApi.SendOkAsync(Client, PricingKit.Template(User, "shipping_update"));

        ShouldBePricing(await PricingKit.SentStatusAsync(Receiver, outside), "utility", "regular", billable: true);
        (await RecordedAsync(outside))["price"]!.GetValue<decimal>().ShouldBe(0.0034m);
    }

    [Fact]
    public async Task AnAuthenticationTemplateToAMarketWithInternationalRatesFromAForeignBusinessIsAuthenticationInternational()
    {
        await PricingKit.CreateTemplatesAsync(Client);

        var abroad = await CloudApi.SendOkAsync(Client, PricingKit.Code(IndianUser));
        var home = await CloudApi.SendOkAsync(Client, PricingKit.Code(User));

        ShouldBePricing(await PricingKit.SentStatusAsync(Receiver, abroad), "authentication_international", "regular", billable: true);
        ShouldBePricing(await PricingKit.SentStatusAsync(Receiver, home), "authentication", "regular", billable: true);
        var recorded = await RecordedAsync(abroad);
        recorded["country"]!.GetValue<string>().ShouldBe("IN");
        recorded["price"]!.GetValue<decimal>().ShouldBe(0.028m);
    }

    [Fact]
    public async Task MessagesWithin72HoursOfAnAdReferralAreFreeEntryPointWithTheConversationObject()
    {
        await PricingKit.CreateTemplatesAsync(Client);
        await PricingKit.UserWritesFromAnAdAsync(Client, User);
        var reply = await CloudApi.SendOkAsync(Client, CloudApi.Text(User));
        var first = await PricingKit.SentStatusAsync(Receiver, reply);
        await PricingKit.AdvanceAsync(Admin, TimeSpan.FromHours(48));
        var later = await CloudApi.SendOkAsync(Client, PricingKit.Template(User, "spring_sale"));
        var second = await PricingKit.SentStatusAsync(Receiver, later);

        ShouldBePricing(first, "referral_conversion", "free_entry_point", billable: false);
        ShouldBePricing(second, "referral_conversion", "free_entry_point", billable: false);
        first["conversation"]!["origin"]!["type"]!.GetValue<string>().ShouldBe("referral_conversion");
        first["conversation"]!["id"]!.GetValue<string>().ShouldBe(second["conversation"]!["id"]!.GetValue<string>());
        var expires = long.Parse(first["conversation"]!["expiration_timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var sentAt = long.Parse(first["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        (expires - sentAt).ShouldBeInRange(71 * 3600, 72 * 3600);

        await PricingKit.AdvanceAsync(Admin, TimeSpan.FromHours(25));
        var after = await CloudApi.SendOkAsync(Client, PricingKit.Template(User, "spring_sale"));
        var third = await PricingKit.SentStatusAsync(Receiver, after);
        ShouldBePricing(third, "marketing", "regular", billable: true);
        third["conversation"].ShouldBeNull();
    }

    [Fact]
    public async Task DeliveredCarriesTheSamePricingAndReadNone()
    {
        await CloudApi.UserWritesAsync(Client, User);
        var id = await CloudApi.SendOkAsync(Client, CloudApi.Text(User));

        var statuses = await Eventually.Get(() => Receiver.Statuses().Where(s => s["id"]!.GetValue<string>() == id).ToList(), s => s.Count >= 3);
        ShouldBePricing(statuses.Single(s => s["status"]!.GetValue<string>() == "delivered"), "service", "free_customer_service", billable: false);
        statuses.Single(s => s["status"]!.GetValue<string>() == "read")["pricing"].ShouldBeNull();
    }

    internal static void ShouldBePricing(JsonObject status, string category, string type, bool billable)
    {
        var pricing = status["pricing"]!.AsObject();
        pricing["pricing_model"]!.GetValue<string>().ShouldBe("PMP");
        pricing["category"]!.GetValue<string>().ShouldBe(category);
        pricing["type"]!.GetValue<string>().ShouldBe(type);
        pricing["billable"]!.GetValue<bool>().ShouldBe(billable);
    }

    /// <summary>The pricing recorded for the message, from the lookup API.</summary>
    private Task<JsonObject> RecordedAsync(string id) => PricingRecords.RecordedAsync(Parley, id);
}
