using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Server.BusinessPhones;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;

namespace Parley.Server.Commerce;

/// <summary>
/// <c>GET|POST /{version}/{phone-number-id}/whatsapp_commerce_settings</c> (S <c>getCommerceSettings</c>,
/// <c>setOrUpdateCommerceSettings</c>): whether the number's cart is enabled and its catalog storefront icon visible.
/// <c>POST</c> takes <c>is_cart_enabled</c> and/or <c>is_catalog_visible</c> in the query string (as Meta's examples do)
/// or the body, as booleans or <c>"true"</c>/<c>"false"</c>. A <c>meta</c> channel's settings are Meta's: read and set there.
/// </summary>
internal static class CommerceSettingsApi
{
    internal const string CartEnabled = "is_cart_enabled", CatalogVisible = "is_catalog_visible";

    public static IEndpointRouteBuilder MapCommerceSettingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{phoneNumberId}/whatsapp_commerce_settings").WithTags("Commerce")
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).CountsAsManagement("phoneNumberId");
        group.MapGet("", GetAsync).WithName("GetCommerceSettings").WithSummary("A phone number's commerce settings (cart, catalog visibility)");
        group.MapPost("", SetAsync).ReadsBody(optional: true).WithName("SetCommerceSettings")
            .WithSummary("Set is_cart_enabled and/or is_catalog_visible");
        return app;
    }

    /// <summary><c>{"data":[{"is_cart_enabled","is_catalog_visible","id"}]}</c>; the settings object's id is the number's.</summary>
    private static async Task<Results<GraphJsonResult, Refusal>> GetAsync(CallerChannel caller, CommerceSettingsStore settings, CancellationToken cancellationToken)
    {
        var current = await settings.ReadAsync(caller.Value, cancellationToken);
        if (!current.Succeeded)
        {
            return new Refusal(current.Error);
        }
        return new GraphJsonResult(new JsonObject
        {
            ["data"] = new JsonArray(new JsonObject
            {
                [CartEnabled] = current.Value.IsCartEnabled,
                [CatalogVisible] = current.Value.IsCatalogVisible,
                ["id"] = caller.Value.PhoneNumberId,
            }),
        });
    }

    private static async Task<Results<Ok<SuccessResponse>, Refusal>> SetAsync(
        CallerChannel caller, JsonObjectBody body, HttpRequest request, CommerceSettingsStore settings, CancellationToken cancellationToken)
    {
        var cart = CommerceSettingsStore.ParseFlag(body.Value[CartEnabled], request.Query[CartEnabled].ToString(), out var badCart);
        var visible = CommerceSettingsStore.ParseFlag(body.Value[CatalogVisible], request.Query[CatalogVisible].ToString(), out var badVisible);
        if (badCart || badVisible)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"Param {(badCart ? CartEnabled : CatalogVisible)} must be a boolean."));
        }
        if (cart is null && visible is null)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"One of the parameters {CartEnabled}, {CatalogVisible} is required."));
        }
        return await settings.ChangeAsync(caller.Value, cart, visible, cancellationToken) is { } refused
            ? new Refusal(refused)
            : TypedResults.Ok(new SuccessResponse(true));
    }
}
