using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Dialects.OneMsg;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Commerce;

/// <summary>
/// Product, product list, catalog and product-carousel messages need a catalog connected to the business account
/// (<c>/{waba-id}/product_catalogs</c>) that holds the products they name: otherwise 131009, in the Cloud API's envelope
/// and 1msg's error body alike, and nothing is stored.
/// </summary>
public sealed class CatalogSendTests : ParleyTest
{
    [Fact]
    public async Task ProductMessagesNeedTheConnectedCatalogAndItsProducts()
    {
        await CommerceKit.ShouldBeRefusedAsync(Client, CommerceKit.Product(), 131009, "No catalog is connected");
        await CommerceKit.ShouldBeRefusedAsync(Client, CommerceKit.CatalogMessage(), 131009, "No catalog is connected");

        // Only the account's own catalog connects, one at a time.
        (await CommerceKit.ConnectAsync(Client)).Body.Code().ShouldBe(100);
        await CommerceKit.DefineAsync(Client);
        await CommerceKit.DefineAsync(Client, "888000111", [new { retailer_id = "HAT-1", price = 5, currency = "EUR" }]);
        var (connected, _) = await CommerceKit.ConnectAsync(Client);
        connected.ShouldBe(HttpStatusCode.OK);
        var (secondStatus, second) = await CommerceKit.ConnectAsync(Client, "888000111");
        secondStatus.ShouldBe(HttpStatusCode.BadRequest);
        second.Code().ShouldBe(100);
        var (_, list) = await Tenants.GetAsync(Client, CommerceKit.CatalogsPath);
        list["data"]!.AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<string>().ShouldBe(CommerceKit.CatalogId);

        // Every product named must be in it, and the catalog named must be it.
        await CommerceKit.ShouldBeRefusedAsync(Client, CommerceKit.Product("SKU-404"), 131009, "Products not found in FB Catalog: SKU-404");
        await CommerceKit.ShouldBeRefusedAsync(Client, CommerceKit.Product("HAT-1", "888000111"), 131009, "Catalog 888000111 is not connected");
        await CommerceKit.ShouldBeRefusedAsync(Client, CommerceKit.ProductList("SKU-1", "SKU-9"), 131009, "SKU-9");
        await CommerceKit.ShouldBeRefusedAsync(Client, CommerceKit.CatalogMessage("SKU-9"), 131009, "SKU-9");
        await CommerceKit.ShouldBeRefusedAsync(Client, CommerceKit.ProductCarousel(("SKU-1", CommerceKit.CatalogId), ("SKU-9", CommerceKit.CatalogId)), 131009, "SKU-9");
        var (mixedStatus, mixed) = await CloudApi.SendAsync(Client, CommerceKit.ProductCarousel(("SKU-1", CommerceKit.CatalogId), ("SKU-2", "888000111")));
        mixedStatus.ShouldBe(HttpStatusCode.BadRequest);
        mixed.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("same catalog_id");

        foreach (var message in new[] { CommerceKit.Product(), CommerceKit.ProductList("SKU-1", "SKU-2"), CommerceKit.CatalogMessage(),
                     CommerceKit.ProductCarousel(("SKU-1", CommerceKit.CatalogId), ("SKU-2", CommerceKit.CatalogId)) })
        {
            var id = await CloudApi.SendOkAsync(Client, message);
            (await CloudApi.GetMessageAsync(Client, id))["type"]!.GetValue<string>().ShouldBe("interactive");
        }

        // Disconnected, the catalog no longer serves sends.
        using (var response = await Client.DeleteAsync($"{CommerceKit.CatalogsPath}?catalog_id={CommerceKit.CatalogId}"))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        await CommerceKit.ShouldBeRefusedAsync(Client, CommerceKit.Product(), 131009, "No catalog is connected");
        (await Tenants.GetAsync(Client, CommerceKit.CatalogsPath)).Body["data"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task OneMsgProductAndCatalogCarouselSendsAreCheckedAgainstTheCatalog()
    {
        await OneMsgClient.UserWritesAsync(Client, CommerceKit.User);
        var product = $$$"""{"phone":{{{CommerceKit.User}}},"body":"Our best seller","action":{"catalog_id":"{{{CommerceKit.CatalogId}}}","product_retailer_id":"SKU-1"}}""";
        (await OneMsgClient.PostJsonAsync(Client, "sendProduct", product)).Body["error"]!.GetValue<string>().ShouldStartWith("(#131009)");

        await CommerceKit.ReadyAsync(Client);
        var sent = await OneMsgClient.SentAsync(Client, "sendProduct", product);
        var unknown = await OneMsgClient.PostJsonAsync(Client, "sendProduct", product.Replace("SKU-1", "SKU-404", StringComparison.Ordinal));
        var carousel = await OneMsgClient.SentAsync(Client, "sendCarousel", CatalogCarousel("SKU-1", "SKU-2"));
        var unknownCard = await OneMsgClient.PostJsonAsync(Client, "sendCarousel", CatalogCarousel("SKU-1", "SKU-404"));

        (await CloudApi.GetMessageAsync(Client, sent))["type"]!.GetValue<string>().ShouldBe("interactive");
        unknown.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknown.Body["error"]!.GetValue<string>().ShouldContain("Products not found in FB Catalog: SKU-404");
        var stored = await CloudApi.GetMessageAsync(Client, carousel);
        var cards = stored["message"]!["interactive"]!["action"]!["cards"]!.AsArray();
        cards.Select(c => c!["type"]!.GetValue<string>()).ShouldBe(["product", "product"]);
        cards[1]!["action"]!["product_retailer_id"]!.GetValue<string>().ShouldBe("SKU-2");
        unknownCard.Body["error"]!.GetValue<string>().ShouldContain("SKU-404");
    }

    [Fact]
    public async Task AProductCardCarouselTemplateIsCreatedAndSentWithProductsOfTheCatalog()
    {
        await CommerceKit.ReadyAsync(Client);
        const string Card = """{"components":[{"type":"HEADER","format":"PRODUCT"},{"type":"BUTTONS","buttons":[{"type":"SPM","text":"View"}]}]}""";
        await Templates.TemplateApi.CreateApprovedAsync(Client, JsonNode.Parse($$"""
            {"name":"shoe_picks","language":"en_US","category":"MARKETING","components":[
              {"type":"BODY","text":"Picked for you"},{"type":"CAROUSEL","cards":[{{Card}},{{Card}}]}]}
            """)!.AsObject());

        var sent = await CloudApi.SendOkAsync(Client, Message("SKU-1", "SKU-2"));
        await CommerceKit.ShouldBeRefusedAsync(Client, Message("SKU-1", "SKU-404"), 131009, "SKU-404");

        (await CloudApi.GetMessageAsync(Client, sent))["type"]!.GetValue<string>().ShouldBe("template");

        static JsonObject Message(params string[] retailerIds) => new()
        {
            ["messaging_product"] = "whatsapp", ["to"] = CommerceKit.User, ["type"] = "template",
            ["template"] = new JsonObject
            {
                ["name"] = "shoe_picks", ["language"] = new JsonObject { ["code"] = "en_US" },
                ["components"] = new JsonArray(new JsonObject
                {
                    ["type"] = "carousel",
                    ["cards"] = new JsonArray([.. retailerIds.Select((id, i) => (JsonNode)new JsonObject
                    {
                        ["card_index"] = i,
                        ["components"] = new JsonArray(new JsonObject
                        {
                            ["type"] = "header",
                            ["parameters"] = new JsonArray(new JsonObject
                            {
                                ["type"] = "product",
                                ["product"] = new JsonObject { ["product_retailer_id"] = id, ["catalog_id"] = CommerceKit.CatalogId },
                            }),
                        }),
                    })]),
                }),
            },
        };
    }

    /// <summary>Seed 000's <c>sendCarousel</c> with product headers: a catalog carousel.</summary>
    private static string CatalogCarousel(params string[] retailerIds) => new JsonObject
    {
        ["phone"] = long.Parse(CommerceKit.User, System.Globalization.CultureInfo.InvariantCulture),
        ["body"] = "Shoes for you",
        ["params"] = new JsonArray(new JsonObject
        {
            ["type"] = "CAROUSEL",
            ["cards"] = new JsonArray([.. retailerIds.Select((id, i) => (JsonNode)new JsonObject
            {
                ["card_index"] = i,
                ["components"] = new JsonArray(new JsonObject
                {
                    ["type"] = "header",
                    ["parameters"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "product",
                        ["product"] = new JsonObject { ["catalog_id"] = CommerceKit.CatalogId, ["product_retailer_id"] = id },
                    }),
                }),
            })]),
        }),
    }.ToJsonString();
}
