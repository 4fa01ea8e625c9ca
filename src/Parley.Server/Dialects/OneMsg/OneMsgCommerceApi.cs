using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Commerce;
using Parley.Server.Edges;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// <c>GET|POST /{instanceId}/commerce</c> (seed 000 "Get Commerce Settings", "Set Commerce Settings"; digest A): the
/// number's commerce settings, the same value the Cloud API's <c>whatsapp_commerce_settings</c> shows. <c>GET</c> answers
/// <c>[{"id","is_cart_enabled","is_catalog_visible"}]</c>; <c>POST</c> takes <c>params: {is_cart_enabled,
/// is_catalog_visible}</c>, both required, and answers <c>{"success":true}</c>.
/// </summary>
internal static class OneMsgCommerceApi
{
    public static void MapOneMsgCommerce(this RouteGroupBuilder group)
    {
        group.MapGet("/commerce", GetAsync).WithSummary("1msg: the commerce settings (cart, catalog visibility)");
        group.MapPost("/commerce", SetAsync).ReadsBody().WithSummary("1msg: set the commerce settings")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded");
    }

    private static async Task<Results<ContentHttpResult, Refusal>> GetAsync(CallerChannel caller, CommerceSettingsStore settings, CancellationToken cancellationToken)
    {
        var current = await settings.ReadAsync(caller.Value, cancellationToken);
        if (!current.Succeeded)
        {
            return new Refusal(current.Error);
        }
        return Templates.TemplateViews.Json(new JsonArray(new JsonObject
        {
            ["id"] = caller.Value.PhoneNumberId,
            [CommerceSettingsApi.CartEnabled] = current.Value.IsCartEnabled,
            [CommerceSettingsApi.CatalogVisible] = current.Value.IsCatalogVisible,
        }));
    }

    private static async Task<Results<Ok<JsonObject>, Refusal>> SetAsync(
        CallerChannel caller, JsonObjectBody body, CommerceSettingsStore settings, CancellationToken cancellationToken)
    {
        var parameters = body.Value["params"] switch
        {
            JsonObject o => o,
            // A form sends params as JSON text.
            JsonValue v when v.TryGetValue<string>(out var text) && TryParse(text) is { } parsed => parsed,
            _ => null,
        };
        if (parameters is null)
        {
            return new Refusal(OneMsgMapper.Missing("params"));
        }
        var cart = CommerceSettingsStore.ParseFlag(parameters[CommerceSettingsApi.CartEnabled], null, out var badCart);
        var visible = CommerceSettingsStore.ParseFlag(parameters[CommerceSettingsApi.CatalogVisible], null, out var badVisible);
        if (badCart || badVisible)
        {
            return new Refusal(OneMsgMapper.Invalid($"The parameter params.{(badCart ? CommerceSettingsApi.CartEnabled : CommerceSettingsApi.CatalogVisible)} must be true or false."));
        }
        if (cart is null || visible is null)
        {
            return new Refusal(OneMsgMapper.Missing($"params.{(cart is null ? CommerceSettingsApi.CartEnabled : CommerceSettingsApi.CatalogVisible)}"));
        }
        return await settings.ChangeAsync(caller.Value, cart, visible, cancellationToken) is { } refused
            ? new Refusal(refused)
            : TypedResults.Ok(new JsonObject { ["success"] = true });
    }

    private static JsonObject? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
