using System.Globalization;
using Parley.Core.Errors;

namespace Parley.Core.Commerce;

/// <summary>
/// WhatsApp's commerce rules: a message that shows products needs a catalog connected to the business account, the
/// catalog it names must be that one, and every product it names must be in it (docs/commerce.md). Orders come from a
/// message that showed products, for products of the catalog, in positive quantities.
/// </summary>
public static class CommerceRules
{
    /// <summary>
    /// A WhatsApp Business Account has one catalog connected at a time (Meta, "Sell products and services": "You can
    /// only connect one catalog to a WhatsApp Business Account").
    /// </summary>
    public const int ConnectedCatalogsMax = 1;

    /// <summary>UNCONFIRMED: Meta does not publish a cart quantity limit; WhatsApp's cart stepper stops at 99.</summary>
    public const int OrderQuantityMax = 99;

    /// <summary>UNCONFIRMED: the cart holds at most 30 distinct products, the multi-product message's limit.</summary>
    public const int OrderItemsMax = 30;

    /// <summary>The error that refuses a message touching the catalog, or null when the connected catalog holds what it names.</summary>
    /// <param name="connected">The catalog connected to the sending account, or null.</param>
    /// <param name="known">The retailer ids of <paramref name="references"/> that are in <paramref name="connected"/>.</param>
    public static WhatsAppError? Check(ProductReferences references, Catalog? connected, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(known);
        if (connected is null)
        {
            return ErrorCatalog.CatalogNotConnected.With(
                "No catalog is connected to this WhatsApp Business Account. Connect one with POST /{waba-id}/product_catalogs before sending products.");
        }
        if (references.CatalogIds.FirstOrDefault(id => id != connected.Id) is { } other)
        {
            return ErrorCatalog.CatalogNotConnected.With(
                $"Catalog {other} is not connected to this WhatsApp Business Account (its catalog is {connected.Id}).");
        }
        var missing = references.RetailerIds.Where(id => !known.Contains(id)).ToList();
        return missing.Count == 0
            ? null
            : ErrorCatalog.ProductNotFound.With($"Products not found in FB Catalog: {string.Join(", ", missing)} (catalog {connected.Id}).");
    }

    /// <summary>An order's quantity: a whole number from 1 to <see cref="OrderQuantityMax"/>.</summary>
    public static WhatsAppError? CheckQuantity(string retailerId, long? quantity) =>
        quantity is >= 1 and <= OrderQuantityMax
            ? null
            : ErrorCatalog.ParameterValueNotValid.With(
                $"The quantity of {retailerId} must be a whole number from 1 to {OrderQuantityMax.ToString(CultureInfo.InvariantCulture)}.");
}
