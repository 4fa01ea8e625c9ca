using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Pricing;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>Meta's PMP <c>pricing</c> objects in status webhooks reach Parley's subscribers as Meta sent them, priced from the table.</summary>
public sealed class MetaPricingTests : MetaTestBase
{
    private const string User = "919812345678";

    [Theory]
    [InlineData("authentication_international", "regular", true, 0.028)]
    [InlineData("marketing_lite", "regular", true, 0.0118)]
    [InlineData("utility", "free_customer_service", false, 0)]
    [InlineData("service", "free_customer_service", false, 0)]
    public async Task MetasPricingCategoryAndTypeAreKeptAndPricedForTheRecipientsMarket(string category, string type, bool billable, double price)
    {
        var channel = await CreateChannelAsync();
        var id = await SendAsync(channel, "+" + User);
        var wamid = GraphAnswer.Wamid((await CallsAsync(1))[0]);

        var status = Status(channel, wamid, new JsonObject { ["billable"] = billable, ["pricing_model"] = "PMP", ["category"] = category, ["type"] = type });
        (await DeliverAsync(status)).ShouldBe(HttpStatusCode.OK);

        var sent = await PricingKit.SentStatusAsync(Receiver, id);
        PricingWebhookTests.ShouldBePricing(sent, category, type, billable);
        sent["conversation"].ShouldBeNull();
        using var client = Parley.CreateChannelClient(channel.Token);
        var recorded = await Eventually.Get<JsonNode?>(async () => (await MessageAsync(client, channel, id))["pricing"], p => p is not null);
        recorded!["country"]!.GetValue<string>().ShouldBe("IN");
        recorded["price"]!.GetValue<decimal>().ShouldBe((decimal)price);
    }

    [Fact]
    public async Task AFreeEntryPointStatusKeepsItsConversationAndAMissingBillableFollowsTheType()
    {
        var channel = await CreateChannelAsync();
        var id = await SendAsync(channel, "+" + User);
        var wamid = GraphAnswer.Wamid((await CallsAsync(1))[0]);
        var conversation = new JsonObject { ["id"] = "fep-4242", ["expiration_timestamp"] = "1893456000", ["origin"] = new JsonObject { ["type"] = "referral_conversion" } };

        var status = Status(channel, wamid, new JsonObject { ["pricing_model"] = "PMP", ["category"] = "referral_conversion", ["type"] = "free_entry_point" }, conversation);
        (await DeliverAsync(status)).ShouldBe(HttpStatusCode.OK);

        var sent = await PricingKit.SentStatusAsync(Receiver, id);
        PricingWebhookTests.ShouldBePricing(sent, "referral_conversion", "free_entry_point", billable: false);
        sent["conversation"]!["id"]!.GetValue<string>().ShouldBe("fep-4242");
        sent["conversation"]!["expiration_timestamp"]!.GetValue<string>().ShouldBe("1893456000");
        sent["conversation"]!["origin"]!["type"]!.GetValue<string>().ShouldBe("referral_conversion");
    }

    private static string Status(MetaChannel channel, string wamid, JsonObject pricing, JsonObject? conversation = null)
    {
        var body = JsonNode.Parse(MetaChannels.StatusWebhook(channel.UpstreamPhoneNumberId, wamid, "sent", User))!;
        var item = body["entry"]![0]!["changes"]![0]!["value"]!["statuses"]![0]!.AsObject();
        item["pricing"] = pricing;
        if (conversation is not null)
        {
            item["conversation"] = conversation;
        }
        return body.ToJsonString();
    }

    private static async Task<JsonObject> MessageAsync(HttpClient client, MetaChannel channel, string id)
    {
        using var response = await client.GetAsync(CloudApi.MessagePath(id, channel.PhoneNumberId));
        return await CloudApi.ReadAsync(response);
    }
}
