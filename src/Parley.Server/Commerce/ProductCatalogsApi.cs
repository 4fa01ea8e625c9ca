using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Server.BusinessPhones;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.Commerce;

/// <summary>
/// <c>GET|POST|DELETE /{version}/{waba-id}/product_catalogs</c> (Graph reference "WhatsApp Business Account Product
/// Catalogs"): the catalog connected to the business account (<c>{"data":[{"id","name"}]}</c>), connecting one of the
/// account's catalogs by <c>catalog_id</c>, and disconnecting it. A catalog is defined through the sandbox simulator
/// (<c>PUT /sandbox/accounts/{waba-id}/catalogs/{catalog-id}</c>), as Meta's are in Commerce Manager. One catalog per
/// account; another is refused until the first is disconnected (UNCONFIRMED wording: Meta answers code 100).
/// </summary>
internal static class ProductCatalogsApi
{
    private const string CatalogId = "catalog_id";

    public static IEndpointRouteBuilder MapProductCatalogsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{wabaId}/product_catalogs").WithTags("Commerce")
            .WithEdge<GraphEdge>(CallerScope.Account("wabaId")).CountsAsManagement("wabaId");
        group.MapGet("", ListAsync).WithName("ListProductCatalogs").WithSummary("The catalog connected to a WABA");
        group.MapPost("", ConnectAsync).ReadsBody(optional: true).WithName("ConnectProductCatalog")
            .WithSummary("Connect one of the account's catalogs (catalog_id) to the WABA");
        group.MapDelete("", DisconnectAsync).ReadsBody(optional: true).WithName("DisconnectProductCatalog")
            .WithSummary("Disconnect the catalog (catalog_id) from the WABA");
        return app;
    }

    private static async Task<GraphJsonResult> ListAsync(CallerAccount caller, ICatalogStore catalogs, CancellationToken cancellationToken)
    {
        var data = new JsonArray();
        if (await catalogs.ConnectedAsync(caller.Value.Id, cancellationToken) is { } connected)
        {
            data.Add(new JsonObject { ["id"] = connected.Id, ["name"] = connected.Name });
        }
        return new GraphJsonResult(new JsonObject { ["data"] = data });
    }

    private static async Task<Results<Ok<SuccessResponse>, Refusal>> ConnectAsync(
        CallerAccount caller, JsonObjectBody body, HttpRequest request, ICatalogStore catalogs, TimeProvider time, CancellationToken cancellationToken)
    {
        if (SubscribedAppsApi.Parameter(body.Value, request, CatalogId) is not { } catalogId)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"The parameter {CatalogId} is required."));
        }
        return await catalogs.ConnectAsync(caller.Value.Id, catalogId, time.GetUtcNow(), cancellationToken) switch
        {
            CatalogConnectOutcome.Connected or CatalogConnectOutcome.AlreadyConnected => TypedResults.Ok(new SuccessResponse(true)),
            CatalogConnectOutcome.OtherConnected => new Refusal(ErrorCatalog.InvalidParameter.With(
                "Another catalog is connected to this WhatsApp Business Account; a WhatsApp Business Account has one catalog. Disconnect it first.")),
            _ => new Refusal(ErrorCatalog.InvalidParameter.With(
                $"Param {CatalogId} {catalogId} is not a catalog of this business (define it with PUT /sandbox/accounts/{caller.Value.Id}/catalogs/{catalogId}).")),
        };
    }

    private static async Task<Results<Ok<SuccessResponse>, Refusal>> DisconnectAsync(
        CallerAccount caller, JsonObjectBody body, HttpRequest request, ICatalogStore catalogs, CancellationToken cancellationToken)
    {
        if (SubscribedAppsApi.Parameter(body.Value, request, CatalogId) is not { } catalogId)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"The parameter {CatalogId} is required."));
        }
        return await catalogs.DisconnectAsync(caller.Value.Id, catalogId, cancellationToken)
            ? TypedResults.Ok(new SuccessResponse(true))
            : new Refusal(ErrorCatalog.InvalidParameter.With($"Catalog {catalogId} is not connected to this WhatsApp Business Account."));
    }
}
