using static Parley.Core.Tests.Messages.ParserHarness;

namespace Parley.Core.Tests.Messages.Interactive;

public class ProductTests
{
    private static string Items(int count, string prefix) => Array(count, i => $$"""{"product_retailer_id":"{{prefix}}-{{i}}"}""");

    [Theory]
    [InlineData("interactive.action.catalog_id", null, 131008)]
    [InlineData("interactive.action.product_retailer_id", null, 131008)]
    [InlineData("interactive.action.product_retailer_id", "12", 100)]
    [InlineData("interactive.action.sections", "[]", 100)]
    public void InvalidSingleProductFails(string path, string? value, int code) => Samples.Product.With(path, value).ShouldFailWith(code);

    [Fact]
    public void ThirtyProductsAcrossSectionsAreAccepted() => Samples.ProductList
        .With("interactive.action.sections[0].product_items", Items(20, "a"))
        .With("interactive.action.sections[1].product_items", Items(10, "b")).ShouldSend();

    [Fact]
    public void ThirtyOneProductsAcrossSectionsFailWithCode131009() => Samples.ProductList
        .With("interactive.action.sections[0].product_items", Items(20, "a"))
        .With("interactive.action.sections[1].product_items", Items(11, "b"))
        .ShouldFailWith(131009, "Total product count exceed max allowed count: 30");

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void ProductCountPerSectionOutsideOneToThirtyFailsWithCode131009(int count) =>
        Samples.ProductList.With("interactive.action.sections[0].product_items", Items(count, "a"))
            .ShouldFailWith(131009, "Param interactive['action']['sections'][0]['product_items'] must contain between 1 and 30 items.");

    [Fact]
    public void ElevenProductSectionsFailWithCode131009() =>
        Samples.ProductList.With("interactive.action.sections", Array(11, i => $$"""{"title":"S{{i}}","product_items":[{"product_retailer_id":"p{{i}}"}]}"""))
            .ShouldFailWith(131009);

    [Theory]
    [InlineData("interactive.header", null, 131008)]
    [InlineData("interactive.header", """{"type":"image","image":{"id":"1"}}""", 131009)]
    [InlineData("interactive.action.catalog_id", null, 131008)]
    [InlineData("interactive.action.sections[0].title", null, 131008)]
    [InlineData("interactive.action.sections[0].title", "\"A section title over 24 chars\"", 131009)]
    [InlineData("interactive.action.sections[0].product_items[0].product_retailer_id", null, 131008)]
    [InlineData("interactive.action.sections[0].product_items[0].quantity", "1", 100)]
    [InlineData("interactive.action.sections[0].rows", "[]", 100)]
    public void InvalidMultiProductFails(string path, string? value, int code) => Samples.ProductList.With(path, value).ShouldFailWith(code);

    [Theory]
    [InlineData("interactive.action.name", "\"catalog\"", 131009)]
    [InlineData("interactive.action.name", null, 131008)]
    [InlineData("interactive.action.parameters", null, 131008)]
    [InlineData("interactive.action.parameters.thumbnail_product_retailer_id", null, 131008)]
    [InlineData("interactive.action.parameters.catalog_id", "\"1\"", 100)]
    public void InvalidCatalogMessageFails(string path, string? value, int code) => Samples.CatalogMessage.With(path, value).ShouldFailWith(code);
}
