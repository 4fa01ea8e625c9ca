using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Commerce;
using Parley.Core.Errors;
using Parley.Server.BusinessPhones;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// The simulator's commerce: a business defines a catalog and its products (Meta's live in Commerce Manager), which
/// <c>POST /{version}/{waba-id}/product_catalogs</c> then connects; and a simulated user submits a cart, an
/// <c>order</c>, from a product message they received (<see cref="SandboxOrders"/>).
/// </summary>
internal static class SandboxCommerceApi
{
    /// <summary>UNCONFIRMED limits of the simulator's catalogs (Commerce Manager takes far more): 1,000 products, ids of 100 characters.</summary>
    public const int ProductsMax = 1000, IdMaxLength = 100;

    public static IEndpointRouteBuilder MapSandboxCommerce(this IEndpointRouteBuilder app)
    {
        var catalogs = app.MapGroup("/sandbox/accounts/{wabaId}/catalogs/{catalogId}").WithTags("Sandbox simulator")
            .WithEdge<GraphEdge>(CallerScope.Account("wabaId"));
        catalogs.MapPut("", PutCatalogAsync).ReadsBody().WithSummary("Define a catalog of the business and its products (retailer ids, names, prices)");
        catalogs.MapGet("", GetCatalogAsync).WithSummary("A catalog of the business and its products");
        app.MapPost("/sandbox/channels/{phoneNumberId}/orders", OrderAsync).WithTags("Sandbox simulator")
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).ReadsBody()
            .WithSummary("A simulated user submits a cart (an order message) from a product message they received");
        return app;
    }

    private static async Task<Results<GraphJsonResult, Refusal>> PutCatalogAsync(
        CallerAccount caller, string catalogId, JsonObjectBody body, ICatalogStore catalogs, TimeProvider time, CancellationToken cancellationToken)
    {
        if (catalogId.Length > IdMaxLength || !catalogId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"A catalog id is 1 to {IdMaxLength} letters, digits, '_' or '-'."));
        }
        var products = Products(body.Value);
        if (products.Error is not null)
        {
            return new Refusal(products.Error);
        }
        var name = body.Value["name"] is JsonValue n && n.TryGetValue<string>(out var text) && text.Length > 0 ? text : "Catalog " + catalogId;
        if (!await catalogs.PutAsync(new Catalog(catalogId, caller.Value.Id, name), products.Value!, time.GetUtcNow(), cancellationToken))
        {
            return new Refusal(ErrorCatalog.UnknownObject(catalogId, "put"));
        }
        return View(new Catalog(catalogId, caller.Value.Id, name), products.Value!);
    }

    private static async Task<Results<GraphJsonResult, Refusal>> GetCatalogAsync(
        CallerAccount caller, string catalogId, ICatalogStore catalogs, CancellationToken cancellationToken)
    {
        var catalog = await catalogs.GetAsync(catalogId, cancellationToken);
        if (catalog is null || catalog.OwnerAccountId != caller.Value.Id)
        {
            return new Refusal(ErrorCatalog.UnknownObject(catalogId, "get"));
        }
        return View(catalog, await catalogs.ProductsAsync(catalogId, null, cancellationToken));
    }

    private static GraphJsonResult View(Catalog catalog, IReadOnlyList<CatalogProduct> products) => new(new JsonObject
    {
        ["id"] = catalog.Id,
        ["name"] = catalog.Name,
        ["products"] = new JsonArray([.. products.Select(p => (JsonNode)new JsonObject
        {
            ["retailer_id"] = p.RetailerId, ["name"] = p.Name, ["price"] = p.Price, ["currency"] = p.Currency,
        })]),
    });

    /// <summary><c>products</c>: <c>[{retailer_id, name?, price, currency}]</c>; price a number ≥ 0, currency ISO 4217.</summary>
    private static (List<CatalogProduct>? Value, WhatsAppError? Error) Products(JsonObject body)
    {
        if (body["products"] is not JsonArray items || items.Count > ProductsMax)
        {
            return (null, ErrorCatalog.InvalidParameter.With($"Param products must be an array of at most {ProductsMax} products."));
        }
        var products = new List<CatalogProduct>();
        foreach (var item in items)
        {
            var id = Text(item?["retailer_id"]);
            if (id is not { Length: > 0 and <= IdMaxLength} || products.Any(p => p.RetailerId == id))
            {
                return (null, ErrorCatalog.InvalidParameter.With($"Every product needs a retailer_id of 1 to {IdMaxLength} characters, unique in the catalog."));
            }
            var currency = Text(item!["currency"]);
            if (item["price"] is not JsonValue price || price.GetValueKind() != JsonValueKind.Number || !price.TryGetValue<decimal>(out var amount) || amount < 0
                || currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
            {
                return (null, ErrorCatalog.InvalidParameter.With($"Product {id} needs a price (a number, 0 or more) and a currency (ISO 4217, e.g. EUR)."));
            }
            products.Add(new CatalogProduct(id, Text(item["name"]) ?? id, amount, currency));
        }
        return (products, null);
    }

    private static async Task<Results<Ok<SandboxApi.InboundAccepted>, Refusal>> OrderAsync(
        CallerChannel caller, JsonBody body, SandboxOrders orders, SandboxUserMessages userMessages, SandboxClock clock, CancellationToken cancellationToken)
    {
        var channel = caller.Value;
        if (SandboxApi.SimulatorRequest(channel, body) is { } refusal)
        {
            return refusal;
        }
        var json = JsonObject.Create(body.Root)!;
        var user = SimulatedInbound.Identify(channel, json);
        if (!user.Succeeded)
        {
            return new Refusal(user.Error);
        }
        var request = await orders.BuildAsync(channel, json, user.Value, cancellationToken);
        if (!request.Succeeded)
        {
            return new Refusal(request.Error);
        }
        var built = SimulatedInbound.Build(channel, request.Value, clock.GetUtcNow());
        if (!built.Succeeded)
        {
            return new Refusal(built.Error);
        }
        return TypedResults.Ok(await userMessages.AnswerAsync(channel, built.Value, cancellationToken));
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
