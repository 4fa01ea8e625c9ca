using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Commerce;

/// <summary>
/// A simulated user orders from a product message they received: the business receives the <c>order</c> (catalog,
/// products, quantities, the catalog's prices, and the context of the product message) at real webhook receivers in
/// the Cloud API, 1msg and Channels formats. Orders from a message without products, for products it did not show, in
/// bad quantities or with the cart disabled are refused.
/// </summary>
public sealed class OrderStoryTests : SubscribedParleyTest
{
    private async Task<WebhookReceiver> SubscribeAsync(string format)
    {
        var receiver = await WebhookReceiver.StartAsync();
        await Tenants.PostCreatedAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks", new { url = receiver.Url, format });
        return receiver;
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> OrderAsync(object order)
    {
        using var response = await Client.PostAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/orders", order);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    [Fact]
    public async Task AnOrderFromAProductListArrivesInEveryWebhookFormatAndBadOrdersAreRefused()
    {
        await using var onemsg = await SubscribeAsync("onemsg");
        await using var channels = await SubscribeAsync("channels");
        await CommerceKit.ReadyAsync(Client);
        var hello = await CloudApi.UserWritesAsync(Client, CommerceKit.User);
        var list = await CloudApi.SendOkAsync(Client, CommerceKit.ProductList("SKU-1", "SKU-2"));
        var single = await CloudApi.SendOkAsync(Client, CommerceKit.Product("SKU-2"));

        var (status, accepted) = await OrderAsync(new
        {
            from = CommerceKit.User, context = new { id = list }, text = "Size 42 please",
            product_items = new object[] { new { product_retailer_id = "SKU-1", quantity = 2 }, new { product_retailer_id = "SKU-2", quantity = 1 } },
        });
        status.ShouldBe(HttpStatusCode.OK, accepted.ToJsonString());
        var orderId = accepted["messages"]![0]!["id"]!.GetValue<string>();

        // Cloud API: Meta's order message, priced from the catalog, in reply to the product list.
        var message = await Eventually.Get(() => Receiver.Messages().FirstOrDefault(m => m["id"]!.GetValue<string>() == orderId), m => m is not null);
        message!["type"]!.GetValue<string>().ShouldBe("order");
        message["from"]!.GetValue<string>().ShouldBe(CommerceKit.User);
        message["context"]!["id"]!.GetValue<string>().ShouldBe(list);
        var order = message["order"]!;
        order["catalog_id"]!.GetValue<string>().ShouldBe(CommerceKit.CatalogId);
        order["text"]!.GetValue<string>().ShouldBe("Size 42 please");
        var items = order["product_items"]!.AsArray();
        items.Count.ShouldBe(2);
        items[0]!["product_retailer_id"]!.GetValue<string>().ShouldBe("SKU-1");
        items[0]!["quantity"]!.GetValue<long>().ShouldBe(2);
        items[0]!["item_price"]!.GetValue<decimal>().ShouldBe(49.99m);
        items[0]!["currency"]!.GetValue<string>().ShouldBe("EUR");
        items[1]!["item_price"]!.GetValue<decimal>().ShouldBe(12.5m);

        // 1msg: an order message whose body is the order; Channels: the order as text.
        var oneMsgMessage = await Eventually.Get(
            () => onemsg.Received.SelectMany(r => r.Json["messages"]?.AsArray() ?? []).FirstOrDefault(m => m!["id"]!.GetValue<string>() == orderId),
            m => m is not null);
        oneMsgMessage!["type"]!.GetValue<string>().ShouldBe("order");
        oneMsgMessage["quotedMsgId"]!.GetValue<string>().ShouldBe(list);
        JsonNode.Parse(oneMsgMessage["body"]!.GetValue<string>())!["product_items"]!.AsArray().Count.ShouldBe(2);
        var payload = await Eventually.Get(
            () => channels.Received.Select(r => r.Json["payload"]).FirstOrDefault(p => p?.ToJsonString().Contains("SKU-1", StringComparison.Ordinal) == true),
            p => p is not null);
        payload!["body"]!["text"]!["text"]!.GetValue<string>().ShouldContain("2 x SKU-1 at 49.99 EUR");

        // Refusals: no products in the message; a product it did not show; a bad quantity; the cart disabled.
        (await OrderAsync(new { from = CommerceKit.User, context = new { id = hello }, product_items = new[] { new { product_retailer_id = "SKU-1" } } }))
            .Body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("not a message the business sent");
        var notShown = await OrderAsync(new { from = CommerceKit.User, context = new { id = single }, product_items = new[] { new { product_retailer_id = "SKU-1" } } });
        notShown.Status.ShouldBe(HttpStatusCode.BadRequest);
        notShown.Body.Code().ShouldBe(131009);
        notShown.Body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("not in the message ordered from");
        (await OrderAsync(new { from = CommerceKit.User, context = new { id = single }, product_items = new[] { new { product_retailer_id = "SKU-2", quantity = 0 } } }))
            .Body.Code().ShouldBe(131009);
        using (var off = await Client.PostAsync($"{CommerceKit.SettingsPath}?is_cart_enabled=false", null))
        {
            off.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await OrderAsync(new { from = CommerceKit.User, context = new { id = single }, product_items = new[] { new { product_retailer_id = "SKU-2" } } }))
            .Body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("cart is disabled");
        Receiver.Messages().Count(m => m["type"]!.GetValue<string>() == "order").ShouldBe(1);
    }
}
