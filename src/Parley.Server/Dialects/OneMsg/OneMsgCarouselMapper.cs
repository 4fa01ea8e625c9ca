using System.Text.Json.Nodes;
using Parley.Core;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// <c>/sendCarousel</c> (seed 000, "Send Carousel"): a template-like <c>params</c> with a <c>CAROUSEL</c> component whose
/// cards hold header / body / button components → a Cloud API interactive carousel. The text above the cards is
/// <c>body</c>, or the <c>body</c> component of <c>params</c>. MCP's simpler <c>cards</c> (already Cloud API cards) are
/// taken as they are.
/// </summary>
internal static class OneMsgCarouselMapper
{
    public static Outcome<JsonObject> Carousel(JsonObject body)
    {
        var text = OneMsgFields.Text(body, "body");
        JsonArray cards;
        if (OneMsgFields.Array(body, "params") is { } parameters)
        {
            var components = parameters.OfType<JsonObject>().ToList();
            text ??= components.Where(c => Is(c, "body")).Select(BodyText).FirstOrDefault(t => t is not null);
            if (components.FirstOrDefault(c => Is(c, "carousel"))?["cards"] is not JsonArray templateCards)
            {
                return OneMsgMapper.Missing("params[type=CAROUSEL].cards");
            }
            cards = [.. templateCards.Select(card => card is JsonObject o ? (JsonNode)Card(o) : null)];
        }
        else if (OneMsgFields.Array(body, "cards") is { } simple)
        {
            cards = (JsonArray)simple.DeepClone();
        }
        else
        {
            return OneMsgMapper.Missing("params");
        }
        var interactive = new JsonObject { ["type"] = "carousel", ["action"] = new JsonObject { ["cards"] = cards } };
        if (text is { Length: > 0 })
        {
            interactive["body"] = new JsonObject { ["text"] = text };
        }
        return interactive;
    }

    private static bool Is(JsonObject component, string type) =>
        string.Equals(OneMsgFields.Text(component, "type"), type, StringComparison.OrdinalIgnoreCase);

    private static string? BodyText(JsonObject component) =>
        OneMsgFields.Text(component, "text")
        ?? (component["parameters"] as JsonArray)?.OfType<JsonObject>().Select(p => OneMsgFields.Text(p, "text")).FirstOrDefault(t => t is not null);

    private static JsonObject Card(JsonObject card)
    {
        var result = new JsonObject { ["card_index"] = card["card_index"]?.DeepClone() };
        if (ProductHeader(card) is { } product)
        {
            // A catalog carousel's product card (Meta's product carousel): the catalog gives its image, name and price.
            // UNCONFIRMED: Meta's product cards take no buttons, so a button given with a product header is not sent.
            result["type"] = "product";
            result["action"] = new JsonObject
            {
                ["product_retailer_id"] = product["product_retailer_id"]?.DeepClone(),
                ["catalog_id"] = product["catalog_id"]?.DeepClone(),
            };
            return result;
        }
        foreach (var component in (card["components"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var parameters = component["parameters"];
            if (Is(component, "header") && parameters is JsonArray { Count: > 0 } header && header[0] is JsonObject media)
            {
                result["header"] = media.DeepClone();
            }
            else if (Is(component, "body") && BodyText(component) is { } text)
            {
                result["body"] = new JsonObject { ["text"] = text };
            }
            else if (Is(component, "button"))
            {
                result["action"] = Action(component, parameters);
            }
        }
        return result;
    }

    /// <summary>The <c>product</c> of a card whose header parameter is <c>{type: "product", product: {catalog_id, product_retailer_id}}</c>.</summary>
    private static JsonObject? ProductHeader(JsonObject card) =>
        (card["components"] as JsonArray)?.OfType<JsonObject>()
            .Where(c => Is(c, "header") && c["parameters"] is JsonArray { Count: > 0 })
            .Select(c => c["parameters"]![0] as JsonObject)
            .FirstOrDefault(p => p is not null && OneMsgFields.Text(p, "type") == "product")?["product"] as JsonObject;

    /// <summary>A URL button (<c>{text, url}</c>) becomes a <c>cta_url</c> action; quick replies (<c>[{id, text}]</c>) become buttons.</summary>
    private static JsonObject Action(JsonObject component, JsonNode? parameters)
    {
        if (string.Equals(OneMsgFields.Text(component, "sub_type"), "quick_reply", StringComparison.OrdinalIgnoreCase))
        {
            var replies = parameters as JsonArray ?? [];
            return new JsonObject
            {
                ["buttons"] = new JsonArray([.. replies.OfType<JsonObject>().Select(r => (JsonNode)new JsonObject
                {
                    ["type"] = "quick_reply",
                    ["quick_reply"] = new JsonObject { ["id"] = r["id"]?.DeepClone(), ["title"] = (r["text"] ?? r["title"])?.DeepClone() },
                })]),
            };
        }
        var url = parameters as JsonObject ?? (parameters as JsonArray)?.OfType<JsonObject>().FirstOrDefault() ?? [];
        return new JsonObject
        {
            ["name"] = "cta_url",
            ["parameters"] = new JsonObject { ["display_text"] = (url["text"] ?? url["display_text"])?.DeepClone(), ["url"] = url["url"]?.DeepClone() },
        };
    }
}
