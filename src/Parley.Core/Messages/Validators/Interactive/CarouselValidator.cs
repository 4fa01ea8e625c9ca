using System.Globalization;
using Parley.Core.Messages.Validation;

namespace Parley.Core.Messages.Validators.Interactive;

/// <summary>
/// <c>interactive.type: carousel</c> — M:messages/interactive-media-carousel-messages (digest §1.5): 2–10 cards with
/// unique <c>card_index</c> 0–9; each card has an image or video header (the same type on every card), an optional
/// body, and either one URL button or quick-reply buttons, of the same kind and count on every card.
/// </summary>
internal static class CarouselValidator
{
    private static readonly string[] CardHeaderTypes = ["image", "video"];

    public static void Validate(ObjectReader action)
    {
        action.AllowOnly("cards");
        var cards = action.RequiredArray("cards", Limits.CarouselCardsMin, Limits.CarouselCardsMax);
        var indexes = new HashSet<string>(StringComparer.Ordinal);
        string? firstHeaderType = null;
        string? firstButtons = null;
        string? firstCatalog = null;
        var productCards = 0;
        foreach (var card in cards.Objects())
        {
            if (card.Has("type") && card.OptionalEnum("type", "cta_url", "product") == "product")
            {
                productCards++;
                var catalog = ValidateProductCard(card, indexes, firstCatalog);
                firstCatalog ??= catalog;
                continue;
            }
            if (productCards > 0)
            {
                card.Invalid("All carousel cards must be product cards, or none.");
            }
            card.AllowOnly("card_index", "type", "header", "body", "action");
            var index = card.RequiredInteger("card_index", 0, Limits.CarouselCardIndexMax);
            card.RequireUnique(indexes, index?.ToString(CultureInfo.InvariantCulture), "Card index");

            var headerType = HeaderValidator.Validate(card.RequiredObject("header"), CardHeaderTypes, "carousel cards");
            firstHeaderType ??= headerType;
            if (headerType is not null && headerType != firstHeaderType)
            {
                card.Invalid("All carousel cards must use the same header type.");
            }

            ValidateCardBody(card.OptionalObject("body"));

            var buttons = ValidateCardAction(card.RequiredObject("action"));
            firstButtons ??= buttons;
            if (buttons is not null && buttons != firstButtons)
            {
                card.Invalid("All carousel cards must have the same button type and number of buttons.");
            }
        }
    }

    /// <summary>
    /// A product card (M:catalogs/interactive-product-carousel-messages): <c>{card_index, type: "product", action:
    /// {product_retailer_id, catalog_id}}</c>, no header, body or buttons; every card names the same catalog. Returns the
    /// card's catalog id.
    /// </summary>
    private static string? ValidateProductCard(ObjectReader card, HashSet<string> indexes, string? firstCatalog)
    {
        card.AllowOnly("card_index", "type", "action");
        var index = card.RequiredInteger("card_index", 0, Limits.CarouselCardIndexMax);
        card.RequireUnique(indexes, index?.ToString(CultureInfo.InvariantCulture), "Card index");
        var action = card.RequiredObject("action").AllowOnly("product_retailer_id", "catalog_id");
        action.RequiredString("product_retailer_id");
        var catalog = action.RequiredString("catalog_id");
        if (catalog is not null && firstCatalog is not null && catalog != firstCatalog)
        {
            card.Invalid("All product cards must reference the same catalog_id.");
        }
        return catalog;
    }

    private static void ValidateCardBody(ObjectReader body)
    {
        var text = body.AllowOnly("text").RequiredString("text", Limits.CarouselCardBodyMaxLength);
        if (text is not null && text.Count(c => c == '\n') > Limits.CarouselCardBodyMaxLineBreaks)
        {
            body.Invalid($"Param {body.ChildPath("text")} must have at most {Limits.CarouselCardBodyMaxLineBreaks} line breaks.");
        }
    }

    /// <summary>Validates a card's button(s) and describes them ("cta_url" or "quick_reply×2") for the same-on-every-card rule.</summary>
    private static string? ValidateCardAction(ObjectReader action)
    {
        if (action.Has("buttons"))
        {
            action.AllowOnly("buttons");
            var buttons = action.RequiredArray("buttons", Limits.CarouselQuickRepliesMin, int.MaxValue);
            ReplyButtonsValidator.ValidateButtons(buttons, "quick_reply", Limits.QuickReplyIdMaxLength, Limits.QuickReplyTitleMaxLength);
            return $"quick_reply×{buttons.Count}";
        }
        NamedActionValidator.ValidateCtaUrl(action);
        return action.IsPresent ? "cta_url" : null;
    }
}
