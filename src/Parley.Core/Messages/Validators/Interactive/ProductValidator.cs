using Parley.Core.Messages.Validation;

namespace Parley.Core.Messages.Validators.Interactive;

/// <summary>
/// <c>product</c>, <c>product_list</c> and <c>catalog_message</c> — S ActionObject, SectionObject; seed003/004.
/// The product sections also serve multi-product template buttons.
/// </summary>
internal static class ProductValidator
{
    public static void ValidateSingle(ObjectReader action)
    {
        action.AllowOnly("catalog_id", "product_retailer_id");
        action.RequiredString("catalog_id");
        action.RequiredString("product_retailer_id");
    }

    public static void ValidateMulti(ObjectReader action)
    {
        action.AllowOnly("catalog_id", "sections");
        action.RequiredString("catalog_id");
        ValidateSections(action.RequiredArray("sections", Limits.ProductSectionsMin, Limits.ProductSectionsMax));
    }

    public static void ValidateCatalog(ObjectReader action)
    {
        action.AllowOnly("name", "parameters");
        action.RequiredEnum("name", "catalog_message");
        action.RequiredObject("parameters").AllowOnly("thumbnail_product_retailer_id").RequiredString("thumbnail_product_retailer_id");
    }

    /// <summary>1–10 sections of 1–30 products each, at most 30 products in all.</summary>
    public static void ValidateSections(ArrayReader sections)
    {
        var totalItems = 0;
        foreach (var section in sections.Objects())
        {
            section.AllowOnly("title", "product_items");
            ListValidator.ValidateSectionTitle(section, sections.Count);
            var items = section.RequiredArray("product_items", Limits.ProductItemsPerSectionMin, Limits.ProductItemsPerSectionMax);
            totalItems += items.Count;
            if (totalItems > Limits.ProductItemsTotalMax)
            {
                section.Invalid($"Total product count exceed max allowed count: {Limits.ProductItemsTotalMax}");
            }
            foreach (var item in items.Objects())
            {
                item.AllowOnly("product_retailer_id").RequiredString("product_retailer_id");
            }
        }
    }
}
