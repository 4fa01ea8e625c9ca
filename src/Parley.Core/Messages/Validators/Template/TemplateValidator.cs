using System.Globalization;
using Parley.Core.Messages.Validation;

namespace Parley.Core.Messages.Validators.Template;

/// <summary>
/// <c>type: template</c>, structure only (whether the template exists and its parameters fit is checked against the
/// stored template elsewhere) — S TemplateObject, LanguageObject, TemplateComponent; digest §1.6; seed003/004.
/// </summary>
internal static class TemplateValidator
{
    private static readonly string[] ComponentTypes = ["header", "body", "button", "carousel", "limited_time_offer"];
    private static readonly string[] CardComponentTypes = ["header", "body", "button"];

    /// <summary>The spec's enum plus the sub-types Meta's docs and examples use; matched case-insensitively (an S example sends "CATALOG").</summary>
    private static readonly string[] ButtonSubTypes = ["quick_reply", "url", "catalog", "copy_code", "flow", "mpm", "voice_call", "order_details"];

    private static readonly string[] HeaderParameters = ["text", "image", "video", "document", "location", "product"];
    private static readonly string[] BodyParameters = ["text", "currency", "date_time"];
    private static readonly string[] ButtonParameters = ["payload", "text", "coupon_code", "action"];
    private static readonly string[] OfferParameters = ["limited_time_offer"];

    public static void Validate(ObjectReader message)
    {
        var template = message.RequiredObject("template").AllowOnly("name", "language", "components");
        template.RequiredString("name", Limits.TemplateNameMaxLength);
        var language = template.RequiredObject("language").AllowOnly("code", "policy");
        language.RequiredString("code");
        // The spec marks policy required, but Meta's own examples omit it (digest §1.8).
        language.OptionalEnum("policy", "deterministic");
        foreach (var component in template.OptionalArray("components").Objects())
        {
            ValidateComponent(component, ComponentTypes);
        }
    }

    private static void ValidateComponent(ObjectReader component, string[] allowedTypes)
    {
        switch (component.RequiredEnum("type", allowedTypes))
        {
            case "header":
                component.AllowOnly("type", "parameters");
                ValidateParameters(component.RequiredArray("parameters", Limits.TemplateComponentParametersMin, int.MaxValue), HeaderParameters);
                break;
            case "body":
                component.AllowOnly("type", "parameters");
                ValidateParameters(component.OptionalArray("parameters"), BodyParameters);
                break;
            case "button":
                component.AllowOnly("type", "sub_type", "index", "parameters");
                var subType = component.RequiredEnumIgnoringCase("sub_type", ButtonSubTypes);
                // Examples send the index as "0" or 0; the spec's pattern ^[2-6, 11-14]$ is malformed (digest §1.6).
                component.RequiredInteger("index", 0, Limits.TemplateButtonIndexMax, allowString: true);
                var parameters = component.RequiredArray("parameters", Limits.TemplateComponentParametersMin, int.MaxValue);
                ValidateParameters(parameters, ButtonParameters);
                if (subType == "order_details")
                {
                    RequireOrder(parameters);
                }
                break;
            case "limited_time_offer":
                component.AllowOnly("type", "parameters");
                ValidateParameters(component.RequiredArray("parameters", Limits.TemplateOfferParametersCount, Limits.TemplateOfferParametersCount), OfferParameters);
                break;
            case "carousel":
                component.AllowOnly("type", "cards");
                ValidateCarouselCards(component.RequiredArray("cards", Limits.TemplateCarouselCardsMin, Limits.TemplateCarouselCardsMax));
                break;
        }
    }

    /// <summary>Media card carousel templates: each card has a unique index and its own header/body/button components.</summary>
    private static void ValidateCarouselCards(ArrayReader cards)
    {
        var indexes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var card in cards.Objects())
        {
            card.AllowOnly("card_index", "components");
            var index = card.RequiredInteger("card_index", 0, Limits.TemplateCarouselCardIndexMax);
            card.RequireUnique(indexes, index?.ToString(CultureInfo.InvariantCulture), "Card index");
            foreach (var component in card.RequiredArray("components", Limits.TemplateCarouselCardComponentsMin, int.MaxValue).Objects())
            {
                ValidateComponent(component, CardComponentTypes);
            }
        }
    }

    /// <summary>
    /// An order details template's button carries the order (Meta, "Payments API India": order details templates):
    /// <c>{"type": "action", "action": {"order_details": {…}}}</c>, checked by the order's rules.
    /// </summary>
    private static void RequireOrder(ArrayReader parameters)
    {
        foreach (var parameter in parameters.Objects())
        {
            parameter.RequiredEnum("type", "action");
            parameter.RequiredObject("action").RequiredObject("order_details");
        }
    }

    private static void ValidateParameters(ArrayReader parameters, string[] allowedTypes)
    {
        foreach (var parameter in parameters.Objects())
        {
            TemplateParameterValidator.Validate(parameter, allowedTypes);
        }
    }
}
