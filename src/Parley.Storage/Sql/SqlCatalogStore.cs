using System.Data.Common;
using System.Globalization;
using Parley.Core.Commerce;

namespace Parley.Storage.Sql;

internal sealed class SqlCatalogStore(ISqlDatabase db) : ICatalogStore
{
    public Task<bool> PutAsync(Catalog catalog, IReadOnlyList<CatalogProduct> products, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            var owner = await sql.FirstOrDefaultAsync(
                $"SELECT owner_account_id FROM commerce_catalogs WHERE id = @id{db.ForUpdate}", r => r.GetString(0), [("id", catalog.Id)], cancellationToken);
            if (owner is not null && owner != catalog.OwnerAccountId)
            {
                return false;
            }
            await sql.ExecuteAsync(
                """
                INSERT INTO commerce_catalogs (id, owner_account_id, name, updated_at) VALUES (@id, @owner, @name, @at)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at
                """,
                [("id", catalog.Id), ("owner", catalog.OwnerAccountId), ("name", catalog.Name), ("at", at)], cancellationToken);
            await sql.ExecuteAsync("DELETE FROM commerce_products WHERE catalog_id = @id", [("id", catalog.Id)], cancellationToken);
            foreach (var product in products)
            {
                await sql.ExecuteAsync(
                    "INSERT INTO commerce_products (catalog_id, retailer_id, name, price, currency) VALUES (@catalog, @retailer, @name, @price, @currency)",
                    [("catalog", catalog.Id), ("retailer", product.RetailerId), ("name", product.Name),
                     ("price", product.Price.ToString(CultureInfo.InvariantCulture)), ("currency", product.Currency)], cancellationToken);
            }
            return true;
        }, cancellationToken);

    public Task<Catalog?> GetAsync(string catalogId, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync("SELECT id, owner_account_id, name FROM commerce_catalogs WHERE id = @id", ReadCatalog, [("id", catalogId)], cancellationToken);

    public async Task<IReadOnlyList<CatalogProduct>> ProductsAsync(string catalogId, IReadOnlyList<string>? retailerIds, CancellationToken cancellationToken)
    {
        const string Select = "SELECT retailer_id, name, price, currency FROM commerce_products WHERE catalog_id = @catalog";
        if (retailerIds is null)
        {
            return await db.QueryAsync($"{Select} ORDER BY retailer_id", ReadProduct, [("catalog", catalogId)], cancellationToken);
        }
        if (retailerIds.Count == 0)
        {
            return [];
        }
        var (names, args) = SqlExtensions.InList(retailerIds);
        return await db.QueryAsync($"{Select} AND retailer_id IN ({names}) ORDER BY retailer_id", ReadProduct, [.. args, ("catalog", catalogId)], cancellationToken);
    }

    public Task<CatalogConnectOutcome> ConnectAsync(string accountId, string catalogId, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            var owner = await sql.FirstOrDefaultAsync("SELECT owner_account_id FROM commerce_catalogs WHERE id = @id", r => r.GetString(0), [("id", catalogId)], cancellationToken);
            if (owner != accountId)
            {
                return CatalogConnectOutcome.NoCatalog;
            }
            var connected = await sql.FirstOrDefaultAsync(
                $"SELECT catalog_id FROM commerce_catalog_links WHERE account_id = @account{db.ForUpdate}", r => r.GetString(0), [("account", accountId)], cancellationToken);
            if (connected is not null)
            {
                return connected == catalogId ? CatalogConnectOutcome.AlreadyConnected : CatalogConnectOutcome.OtherConnected;
            }
            var inserted = await sql.ExecuteAsync(
                "INSERT INTO commerce_catalog_links (account_id, catalog_id, connected_at) VALUES (@account, @catalog, @at) ON CONFLICT (account_id) DO NOTHING",
                [("account", accountId), ("catalog", catalogId), ("at", at)], cancellationToken);
            return inserted > 0 ? CatalogConnectOutcome.Connected : CatalogConnectOutcome.OtherConnected;
        }, cancellationToken);

    public Task<bool> DisconnectAsync(string accountId, string catalogId, CancellationToken cancellationToken) =>
        db.ChangesAsync("DELETE FROM commerce_catalog_links WHERE account_id = @account AND catalog_id = @catalog",
            [("account", accountId), ("catalog", catalogId)], cancellationToken);

    public Task<Catalog?> ConnectedAsync(string accountId, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync(
            """
            SELECT c.id, c.owner_account_id, c.name FROM commerce_catalog_links l JOIN commerce_catalogs c ON c.id = l.catalog_id
            WHERE l.account_id = @account
            """,
            ReadCatalog, [("account", accountId)], cancellationToken);

    private static Catalog ReadCatalog(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2));

    private static CatalogProduct ReadProduct(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), decimal.Parse(r.GetString(2), NumberStyles.Number, CultureInfo.InvariantCulture), r.GetString(3));
}
