using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Dialects.OneMsg;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Pricing;

/// <summary>
/// 1msg's <c>statistics</c> and <c>extendedStatistics</c> add up the messages the channel really sent, priced from the
/// table, with messages in the customer service window charged (the rule Meta applies from October 2026).
/// </summary>
public sealed class OneMsgStatisticsTests() : SubscribedParleyTest(new Dictionary<string, string?>
{
    ["Parley:Pricing:CustomerServiceChargedFrom"] = "2020-01-01T00:00:00Z",
    ["Parley:Pricing:Markets:NA:Marketing"] = "0.03",
})
{
    private const string User = "16505550123";
    private const string AdUser = "16505550177";

    [Fact]
    public async Task StatisticsAddUpTheSentMessagesPricedFromTheTable()
    {
        await PricingKit.CreateTemplatesAsync(Client);
        await CloudApi.UserWritesAsync(Client, User);
        await PricingKit.UserWritesFromAnAdAsync(Client, AdUser);
        string[] ids =
        [
            await CloudApi.SendOkAsync(Client, CloudApi.Text(User)),                               // service, charged: 0.0034
            await CloudApi.SendOkAsync(Client, PricingKit.Template(User, "spring_sale")),          // marketing (configured): 0.03
            await CloudApi.SendOkAsync(Client, PricingKit.Template(User, "shipping_update")),      // utility in the window, charged: 0.0034
            await CloudApi.SendOkAsync(Client, PricingKit.Code("+919812345678")),                  // authentication_international: 0.028
            await CloudApi.SendOkAsync(Client, CloudApi.Text(AdUser)),                             // free entry point
        ];
        foreach (var id in ids)
        {
            await PricingRecords.RecordedAsync(Parley, id);
        }
        PricingWebhookTests.ShouldBePricing(await PricingKit.SentStatusAsync(Receiver, ids[0]), "service", "regular", billable: true);
        PricingWebhookTests.ShouldBePricing(await PricingKit.SentStatusAsync(Receiver, ids[2]), "utility", "regular", billable: true);

        var month = DateTimeOffset.UtcNow.ToString("MM.yyyy", CultureInfo.InvariantCulture);
        var (status, body) = await OneMsgClient.GetAsync(Client, "statistics", "&date=" + month);
        status.ShouldBe(HttpStatusCode.OK);
        body["date"]!.GetValue<string>().ShouldBe(month);
        body["templates_cost"]!.GetValue<decimal>().ShouldBe(0.0614m);
        (await OneMsgClient.GetAsync(Client, "statistics", "&date=01.2020")).Body["templates_cost"]!.GetValue<decimal>().ShouldBe(0m);

        using var response = await Client.GetAsync(OneMsgClient.PathOf("extendedStatistics"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var months = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        var stats = months.ShouldHaveSingleItem()!.AsObject();
        stats["period_date"]!.GetValue<string>().ShouldBe(DateTimeOffset.UtcNow.ToString("yyyy-MM-01'T'00:00:00'Z'", CultureInfo.InvariantCulture));
        Long(stats, "quantity").ShouldBe(5);
        Long(stats, "paid_quantity").ShouldBe(4);
        Long(stats, "free_quantity").ShouldBe(1);
        Long(stats, "free_entry_point").ShouldBe(1);
        Long(stats, "free_tier").ShouldBe(0);
        Long(stats, "business_initiated_quantity").ShouldBe(3);
        Long(stats, "business_initiated_paid_quantity").ShouldBe(3);
        stats["business_initiated_price"]!.GetValue<decimal>().ShouldBe(0.0614m);
        Long(stats, "user_initiated_quantity").ShouldBe(2);
        Long(stats, "user_initiated_paid_quantity").ShouldBe(1);
        stats["user_initiated_price"]!.GetValue<decimal>().ShouldBe(0.0034m);
        stats["total_price"]!.GetValue<decimal>().ShouldBe(0.0648m);
        var categories = stats["categories"]!.AsObject();
        categories.Select(c => c.Key).ShouldBe(["authentication_international", "marketing", "referral_conversion", "service", "utility"], ignoreOrder: true);
        Long(categories["marketing"]!.AsObject(), "quantity").ShouldBe(1);
        categories["marketing"]!["price"]!.GetValue<decimal>().ShouldBe(0.03m);
        Long(categories["referral_conversion"]!.AsObject(), "paid_quantity").ShouldBe(0);
    }

    [Fact]
    public async Task StatisticsOfAMonthWithoutMessagesAreZeroAndABadDateIsA400()
    {
        var (status, body) = await OneMsgClient.GetAsync(Client, "statistics", "&date=03.2022");
        status.ShouldBe(HttpStatusCode.OK);
        body["templates_cost"]!.GetValue<decimal>().ShouldBe(0m);
        var (bad, error) = await OneMsgClient.GetAsync(Client, "statistics", "&date=13.2022");
        bad.ShouldBe(HttpStatusCode.BadRequest);
        error.ToJsonString().ShouldContain("mm.YYYY");
    }

    private static long Long(JsonObject json, string name) => json[name]!.GetValue<long>();
}
