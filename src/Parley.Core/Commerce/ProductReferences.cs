using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Core.Commerce;

/// <summary>
/// What a canonical outbound message asks of the business's catalog: the catalog ids it names and the products (retailer
/// ids) it shows. Product (<c>product</c>, <c>product_list</c>), catalog (<c>catalog_message</c>) and product-carousel
/// messages, and template messages with product parameters (product card carousels) or CATALOG / MPM buttons, all need
/// a catalog connected to the business account. Null for a message that does not touch the catalog.
/// </summary>
public sealed record ProductReferences(IReadOnlyList<string> CatalogIds, IReadOnlyList<string> RetailerIds)
{
    /// <summary>The products an order may come from: null for "any product of the catalog" (a catalog message or catalog button).</summary>
    public IReadOnlyList<string>? Orderable { get; init; }

    public static ProductReferences? Of(string type, JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var found = new Collector();
        if (type == "interactive" && payload["interactive"] is JsonObject interactive)
        {
            var action = interactive["action"] as JsonObject;
            switch (Text(interactive["type"]))
            {
                case "product":
                    found.Catalog(action?["catalog_id"]);
                    found.Product(action?["product_retailer_id"]);
                    return found.Result(anyProduct: false);
                case "product_list":
                    found.Catalog(action?["catalog_id"]);
                    found.Sections(action?["sections"]);
                    return found.Result(anyProduct: false);
                case "catalog_message":
                    found.Product(action?["parameters"]?["thumbnail_product_retailer_id"]);
                    return found.Result(anyProduct: true);
                case "carousel":
                    foreach (var card in (action?["cards"] as JsonArray)?.OfType<JsonObject>() ?? [])
                    {
                        if (Text(card["type"]) == "product")
                        {
                            found.Catalog(card["action"]?["catalog_id"]);
                            found.Product(card["action"]?["product_retailer_id"]);
                        }
                    }
                    return found.Any ? found.Result(anyProduct: false) : null;
                default:
                    return null;
            }
        }
        if (type == "template" && payload["template"]?["components"] is JsonArray components)
        {
            var anyProduct = false;
            foreach (var component in Components(components))
            {
                var subType = Text(component["sub_type"])?.ToLowerInvariant();
                if (subType is "catalog" or "mpm")
                {
                    found.Needed = true;
                    anyProduct |= subType == "catalog";
                }
                foreach (var parameter in (component["parameters"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    if (Text(parameter["type"]) == "product")
                    {
                        found.Catalog(parameter["product"]?["catalog_id"]);
                        found.Product(parameter["product"]?["product_retailer_id"]);
                    }
                    else if (subType is "catalog" or "mpm" && Text(parameter["type"]) == "action" && parameter["action"] is JsonObject buttonAction)
                    {
                        found.Product(buttonAction["thumbnail_product_retailer_id"]);
                        found.Sections(buttonAction["sections"]);
                    }
                }
            }
            return found.Any ? found.Result(anyProduct) : null;
        }
        return null;
    }

    /// <summary>The components of a template message and of its carousel cards.</summary>
    private static IEnumerable<JsonObject> Components(JsonArray components)
    {
        foreach (var component in components.OfType<JsonObject>())
        {
            yield return component;
            foreach (var card in (component["cards"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                foreach (var inner in (card["components"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    yield return inner;
                }
            }
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private sealed class Collector
    {
        private readonly List<string> _catalogs = [];
        private readonly List<string> _products = [];

        public bool Needed { get; set; }

        public bool Any => Needed || _catalogs.Count > 0 || _products.Count > 0;

        public void Catalog(JsonNode? id)
        {
            Needed = true;
            if (Text(id) is { Length: > 0 } text && !_catalogs.Contains(text))
            {
                _catalogs.Add(text);
            }
        }

        public void Product(JsonNode? id)
        {
            Needed = true;
            if (Text(id) is { Length: > 0 } text && !_products.Contains(text))
            {
                _products.Add(text);
            }
        }

        public void Sections(JsonNode? sections)
        {
            foreach (var section in (sections as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                foreach (var item in (section["product_items"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    Product(item["product_retailer_id"]);
                }
            }
        }

        public ProductReferences Result(bool anyProduct) =>
            new(_catalogs, _products) { Orderable = anyProduct ? null : _products };
    }
}
