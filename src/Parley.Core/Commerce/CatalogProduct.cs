namespace Parley.Core.Commerce;

/// <summary>A product of a catalog as WhatsApp shows it: its retailer id (the business's SKU), name, and price in a currency (ISO 4217).</summary>
public sealed record CatalogProduct(string RetailerId, string Name, decimal Price, string Currency);

/// <summary>A product catalog (Meta Commerce Manager) and the business account that owns it.</summary>
public sealed record Catalog(string Id, string OwnerAccountId, string Name);

/// <summary>
/// A phone number's commerce settings (Meta <c>whatsapp_commerce_settings</c>, 1msg <c>/commerce</c>): whether the
/// cart is enabled and whether the catalog storefront icon shows. UNCONFIRMED: Meta does not say what an unset number
/// answers; Parley answers both true, as WhatsApp Manager sets them when a catalog is connected.
/// </summary>
public sealed record CommerceSettings(bool IsCartEnabled, bool IsCatalogVisible)
{
    public static readonly CommerceSettings Default = new(true, true);
}
