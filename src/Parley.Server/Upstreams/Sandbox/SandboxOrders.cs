using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Commerce;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Core.Users;
using Parley.Server.Commerce;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// A simulated user's cart, submitted: the Cloud API inbound <c>order</c> (S OrderMessage: <c>catalog_id</c>,
/// <c>text</c>, <c>product_items[]{product_retailer_id, quantity, item_price, currency}</c>) with <c>context</c> naming
/// the message the user ordered from. The message must be one the business sent this user that showed products
/// (a product, product list, catalog or product-carousel message, or a template with product cards or a catalog
/// button); the products must be ones it showed (any of the catalog for a catalog message) and in the catalog connected
/// to the account, whose prices the order carries. The number's cart must be enabled.
/// </summary>
internal sealed class SandboxOrders(IMessageStore messages, IUserStore users, ICatalogStore catalogs, CommerceSettingsStore settings)
{
    /// <summary>The inbound order message request (for <see cref="SimulatedInbound.Build"/>) of a simulator order request.</summary>
    public async Task<Outcome<JsonObject>> BuildAsync(Channel channel, JsonObject request, WhatsAppUser user, CancellationToken cancellationToken)
    {
        if (request["context"]?["id"] is not JsonValue contextId || !contextId.TryGetValue<string>(out var messageId))
        {
            return ErrorCatalog.RequiredParameterMissing.With("The parameter context.id (the product message ordered from) is required.");
        }
        var target = await messages.GetAsync(channel.PhoneNumberId, messageId, cancellationToken);
        if (target is null || target.Direction != MessageDirection.Outbound
            || !(await SandboxConversation.IdentitiesAsync(users, channel.PhoneNumberId, user.Identities, cancellationToken)).Contains(target.Peer))
        {
            return ErrorCatalog.ParameterValueNotValid.With($"Message '{messageId}' is not a message the business sent this user.");
        }
        if (JsonNode.Parse(target.Payload) is not JsonObject payload || ProductReferences.Of(target.Type, payload) is not { } shown)
        {
            return ErrorCatalog.ParameterValueNotValid.With($"Message '{messageId}' shows no products to order from.");
        }
        if (!(await settings.GetAsync(channel.PhoneNumberId, cancellationToken)).IsCartEnabled)
        {
            return ErrorCatalog.ParameterValueNotValid.With("The cart is disabled for this number (whatsapp_commerce_settings is_cart_enabled: false): users cannot place orders.");
        }
        if (await catalogs.ConnectedAsync(channel.AccountId, cancellationToken) is not { } catalog)
        {
            return ErrorCatalog.CatalogNotConnected.With("No catalog is connected to this WhatsApp Business Account.");
        }
        var items = await ItemsAsync(request, shown, catalog, cancellationToken);
        if (!items.Succeeded)
        {
            return items.Error;
        }
        var order = new JsonObject { ["catalog_id"] = catalog.Id, ["text"] = request["text"] is JsonValue t && t.TryGetValue<string>(out var text) ? text : "", ["product_items"] = items.Value };
        var inbound = new JsonObject { ["type"] = "order", ["order"] = order, ["context"] = new JsonObject { ["id"] = messageId } };
        foreach (var key in new[] { "from", "from_user_id", "profile_name", "username", "share_number" })
        {
            if (request[key] is { } value)
            {
                inbound[key] = value.DeepClone();
            }
        }
        return inbound;
    }

    private async Task<Outcome<JsonArray>> ItemsAsync(JsonObject request, ProductReferences shown, Catalog catalog, CancellationToken cancellationToken)
    {
        if (request["product_items"] is not JsonArray { Count: > 0 } requested || requested.Count > CommerceRules.OrderItemsMax)
        {
            return ErrorCatalog.RequiredParameterMissing.With($"The parameter product_items (1 to {CommerceRules.OrderItemsMax} products in the cart) is required.");
        }
        var wanted = new List<(string Id, long Quantity)>();
        foreach (var item in requested)
        {
            if (item?["product_retailer_id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id) || id.Length == 0)
            {
                return ErrorCatalog.RequiredParameterMissing.With("Every product_items entry needs product_retailer_id.");
            }
            long? quantity = item["quantity"] is null ? 1 : item["quantity"] is JsonValue q && q.GetValueKind() == JsonValueKind.Number && q.TryGetValue<long>(out var n) ? n : null;
            if (CommerceRules.CheckQuantity(id, quantity) is { } bad)
            {
                return bad;
            }
            if (shown.Orderable is { } orderable && !orderable.Contains(id))
            {
                return ErrorCatalog.ParameterValueNotValid.With($"Product {id} is not in the message ordered from; it shows {string.Join(", ", orderable)}.");
            }
            if (wanted.Any(w => w.Id == id))
            {
                return ErrorCatalog.ParameterValueNotValid.With($"Product {id} is in the cart twice; give its quantity once.");
            }
            wanted.Add((id, quantity!.Value));
        }
        var products = (await catalogs.ProductsAsync(catalog.Id, [.. wanted.Select(w => w.Id)], cancellationToken)).ToDictionary(p => p.RetailerId, StringComparer.Ordinal);
        if (wanted.Where(w => !products.ContainsKey(w.Id)).Select(w => w.Id).ToList() is { Count: > 0 } missing)
        {
            return ErrorCatalog.ProductNotFound.With($"Products not found in FB Catalog: {string.Join(", ", missing)} (catalog {catalog.Id}).");
        }
        return new JsonArray([.. wanted.Select(w => (JsonNode)new JsonObject
        {
            ["product_retailer_id"] = w.Id,
            ["quantity"] = w.Quantity,
            ["item_price"] = products[w.Id].Price,
            ["currency"] = products[w.Id].Currency,
        })]);
    }
}
