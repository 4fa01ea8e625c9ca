using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Commerce;

/// <summary>Catalogs and product messages as the commerce tests use them.</summary>
public static class CommerceKit
{
    public const string CatalogId = "777000111";
    public const string User = "16505551234";
    public const string CatalogsPath = $"/v23.0/{ParleyFactory.WabaId}/product_catalogs";
    public const string SettingsPath = $"/v23.0/{ParleyFactory.PhoneNumberId}/whatsapp_commerce_settings";

    /// <summary>Defines the catalog (two shoes in EUR, or <paramref name="products"/>) through the simulator.</summary>
    public static async Task DefineAsync(HttpClient client, string catalogId = CatalogId, object[]? products = null)
    {
        products ??=
        [
            new { retailer_id = "SKU-1", name = "Runner", price = 49.99, currency = "EUR" },
            new { retailer_id = "SKU-2", name = "Walker", price = 12.5, currency = "EUR" },
        ];
        using var response = await client.PutAsJsonAsync($"/sandbox/accounts/{ParleyFactory.WabaId}/catalogs/{catalogId}", new { name = "Shoes", products });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> ConnectAsync(HttpClient client, string catalogId = CatalogId) =>
        await Tenants.PostAsync(client, CatalogsPath, new { catalog_id = catalogId });

    /// <summary>Defines and connects the catalog.</summary>
    public static async Task ReadyAsync(HttpClient client)
    {
        await DefineAsync(client);
        var (status, body) = await ConnectAsync(client);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
    }

    /// <summary>Defines a catalog holding <paramref name="retailerIds"/> (10 USD each) and connects it: what product sends need.</summary>
    public static async Task ReadyAsync(HttpClient client, string catalogId, params string[] retailerIds)
    {
        await DefineAsync(client, catalogId, [.. retailerIds.Select(sku => new { retailer_id = sku, name = sku, price = 10, currency = "USD" })]);
        var (status, body) = await ConnectAsync(client, catalogId);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
    }

    public static JsonObject Interactive(JsonObject interactive, string to = User) => new()
    {
        ["messaging_product"] = "whatsapp", ["to"] = to, ["type"] = "interactive", ["interactive"] = interactive,
    };

    public static JsonObject Product(string retailerId = "SKU-1", string catalogId = CatalogId) => Interactive(new JsonObject
    {
        ["type"] = "product", ["body"] = new JsonObject { ["text"] = "Our best seller" },
        ["action"] = new JsonObject { ["catalog_id"] = catalogId, ["product_retailer_id"] = retailerId },
    });

    public static JsonObject ProductList(params string[] retailerIds) => Interactive(new JsonObject
    {
        ["type"] = "product_list",
        ["header"] = new JsonObject { ["type"] = "text", ["text"] = "Shoes" },
        ["body"] = new JsonObject { ["text"] = "Pick a pair" },
        ["action"] = new JsonObject
        {
            ["catalog_id"] = CatalogId,
            ["sections"] = new JsonArray(new JsonObject
            {
                ["title"] = "All shoes",
                ["product_items"] = new JsonArray([.. retailerIds.Select(id => (JsonNode)new JsonObject { ["product_retailer_id"] = id })]),
            }),
        },
    });

    public static JsonObject CatalogMessage(string thumbnail = "SKU-1") => Interactive(new JsonObject
    {
        ["type"] = "catalog_message", ["body"] = new JsonObject { ["text"] = "Browse our catalog" },
        ["action"] = new JsonObject { ["name"] = "catalog_message", ["parameters"] = new JsonObject { ["thumbnail_product_retailer_id"] = thumbnail } },
    });

    public static JsonObject ProductCarousel(params (string RetailerId, string CatalogId)[] cards) => Interactive(new JsonObject
    {
        ["type"] = "carousel", ["body"] = new JsonObject { ["text"] = "Shoes for you" },
        ["action"] = new JsonObject
        {
            ["cards"] = new JsonArray([.. cards.Select((c, i) => (JsonNode)new JsonObject
            {
                ["card_index"] = i, ["type"] = "product",
                ["action"] = new JsonObject { ["product_retailer_id"] = c.RetailerId, ["catalog_id"] = c.CatalogId },
            })]),
        },
    });

    public static async Task ShouldBeRefusedAsync(HttpClient client, JsonObject message, int code, string detail)
    {
        var (status, body) = await CloudApi.SendAsync(client, message);
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(code, body.ToJsonString());
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain(detail);
    }
}
