using Parley.Core.Commerce;

namespace Parley.Storage;

/// <summary>What connecting a catalog to a business account did.</summary>
public enum CatalogConnectOutcome
{
    Connected,
    /// <summary>The catalog was connected to the account already.</summary>
    AlreadyConnected,
    /// <summary>Another catalog is connected to the account (<see cref="CommerceRules.ConnectedCatalogsMax"/>).</summary>
    OtherConnected,
    /// <summary>No such catalog, or another account's.</summary>
    NoCatalog,
}

/// <summary>
/// Product catalogs (defined through the sandbox simulator; Meta's live in Commerce Manager), their products, and the
/// catalog connected to each business account (<c>/{waba-id}/product_catalogs</c>).
/// </summary>
public interface ICatalogStore
{
    /// <summary>Creates the catalog or replaces its name and products; false (nothing changed) when another account owns that id.</summary>
    Task<bool> PutAsync(Catalog catalog, IReadOnlyList<CatalogProduct> products, DateTimeOffset at, CancellationToken cancellationToken);

    Task<Catalog?> GetAsync(string catalogId, CancellationToken cancellationToken);

    /// <summary>The catalog's products among <paramref name="retailerIds"/> (all of them when null), by retailer id.</summary>
    Task<IReadOnlyList<CatalogProduct>> ProductsAsync(string catalogId, IReadOnlyList<string>? retailerIds, CancellationToken cancellationToken);

    /// <summary>Connects an account's own catalog to the account.</summary>
    Task<CatalogConnectOutcome> ConnectAsync(string accountId, string catalogId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Disconnects the catalog from the account; false when it was not connected.</summary>
    Task<bool> DisconnectAsync(string accountId, string catalogId, CancellationToken cancellationToken);

    /// <summary>The catalog connected to the account, or null.</summary>
    Task<Catalog?> ConnectedAsync(string accountId, CancellationToken cancellationToken);
}
