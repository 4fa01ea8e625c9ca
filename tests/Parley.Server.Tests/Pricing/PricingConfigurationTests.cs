using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Pricing;

/// <summary>The price table from configuration: an empty charge date keeps the window free; a market added by configuration prices its numbers.</summary>
public sealed class PricingConfigurationTests() : SubscribedParleyTest(new Dictionary<string, string?>
{
    ["Parley:Pricing:CustomerServiceChargedFrom"] = "",
    ["Parley:Pricing:Currency"] = "EUR",
    ["Parley:Pricing:Markets:FR:CallingCode"] = "33",
    ["Parley:Pricing:Markets:FR:Marketing"] = "0.0859",
    ["Parley:Pricing:Markets:FR:Service"] = "0.02",
})
{
    [Fact]
    public async Task AnEmptyChargeDateKeepsServiceFreeAndAConfiguredMarketPricesItsNumbers()
    {
        const string french = "33612345678";
        await CloudApi.UserWritesAsync(Client, french);
        await Templates.TemplateApi.CreateApprovedAsync(Client, PricingKit.Marketing());

        var reply = await CloudApi.SendOkAsync(Client, CloudApi.Text("+" + french));
        var promo = await CloudApi.SendOkAsync(Client, PricingKit.Template("+" + french, "spring_sale"));

        PricingWebhookTests.ShouldBePricing(await PricingKit.SentStatusAsync(Receiver, reply), "service", "free_customer_service", billable: false);
        var recorded = await PricingRecords.RecordedAsync(Parley, promo);
        recorded["country"]!.GetValue<string>().ShouldBe("FR");
        recorded["price"]!.GetValue<decimal>().ShouldBe(0.0859m);
        recorded["currency"]!.GetValue<string>().ShouldBe("EUR");
    }
}
