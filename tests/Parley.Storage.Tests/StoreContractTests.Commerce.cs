using Parley.Core.Commerce;

namespace Parley.Storage.Tests;

/// <summary>Product catalogs, their products and the catalog connected to a business account, the same on both stores.</summary>
public abstract partial class StoreContractTests
{
    private ICatalogStore Catalogs => Stores.Get<ICatalogStore>();

    [Fact]
    public async Task ACatalogKeepsItsProductsAndOneAccountConnectsOneOfItsOwnCatalogs()
    {
        var channel = await NewChannelAsync();
        var other = await NewChannelAsync();
        var catalog = new Catalog(NewId(), channel.AccountId, "Shoes");
        var second = new Catalog(NewId(), channel.AccountId, "Hats");

        (await Catalogs.PutAsync(catalog, [new("SKU-1", "Runner", 49.99m, "EUR"), new("SKU-2", "Walker", 12.5m, "EUR")], T0, Ct)).ShouldBeTrue();
        (await Catalogs.PutAsync(catalog, [new("SKU-1", "Runner", 39.99m, "EUR")], T0, Ct)).ShouldBeTrue();
        (await Catalogs.PutAsync(catalog with { OwnerAccountId = other.AccountId }, [], T0, Ct)).ShouldBeFalse();
        await Catalogs.PutAsync(second, [], T0, Ct);

        (await Catalogs.GetAsync(catalog.Id, Ct)).ShouldBe(catalog);
        (await Catalogs.ProductsAsync(catalog.Id, null, Ct)).ShouldBe([new CatalogProduct("SKU-1", "Runner", 39.99m, "EUR")]);
        (await Catalogs.ProductsAsync(catalog.Id, ["SKU-1", "SKU-2"], Ct)).Select(p => p.RetailerId).ShouldBe(["SKU-1"]);
        (await Catalogs.ConnectedAsync(channel.AccountId, Ct)).ShouldBeNull();

        (await Catalogs.ConnectAsync(other.AccountId, catalog.Id, T0, Ct)).ShouldBe(CatalogConnectOutcome.NoCatalog);
        (await Catalogs.ConnectAsync(channel.AccountId, catalog.Id, T0, Ct)).ShouldBe(CatalogConnectOutcome.Connected);
        (await Catalogs.ConnectAsync(channel.AccountId, catalog.Id, T0, Ct)).ShouldBe(CatalogConnectOutcome.AlreadyConnected);
        (await Catalogs.ConnectAsync(channel.AccountId, second.Id, T0, Ct)).ShouldBe(CatalogConnectOutcome.OtherConnected);
        (await Catalogs.ConnectedAsync(channel.AccountId, Ct)).ShouldBe(catalog);

        (await Catalogs.DisconnectAsync(channel.AccountId, second.Id, Ct)).ShouldBeFalse();
        (await Catalogs.DisconnectAsync(channel.AccountId, catalog.Id, Ct)).ShouldBeTrue();
        (await Catalogs.ConnectedAsync(channel.AccountId, Ct)).ShouldBeNull();
        (await Catalogs.ConnectAsync(channel.AccountId, second.Id, T0, Ct)).ShouldBe(CatalogConnectOutcome.Connected);
    }
}
