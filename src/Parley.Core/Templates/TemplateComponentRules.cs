using System.Text.Json;
using Parley.Core.Errors;
using static Parley.Core.Templates.TemplateCreationRules;

namespace Parley.Core.Templates;

/// <summary>
/// The <c>components</c> of a template being created or edited: HEADER, BODY, FOOTER, BUTTONS, CAROUSEL and
/// LIMITED_TIME_OFFER, and the fixed shape of AUTHENTICATION templates (digest §5.1; S MessageTemplate examples).
/// </summary>
internal static class TemplateComponentRules
{
    private static readonly string[] Types = ["HEADER", "BODY", "FOOTER", "BUTTONS", "CAROUSEL", "LIMITED_TIME_OFFER"];
    private static readonly string[] HeaderFormats = ["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"];

    public static WhatsAppError? Validate(JsonElement components, string category, string format)
    {
        var list = components.EnumerateArray().ToList();
        if (list.Count == 0)
        {
            return Invalid("Param components must contain at least a BODY component.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in list)
        {
            var type = component.Type();
            if (!Types.Contains(type))
            {
                return Invalid($"Param components[].type must be one of {{{string.Join(", ", Types)}}}; got '{component.String("type")}'.");
            }
            if (!seen.Add(type))
            {
                return Invalid($"A template can have only one {type} component.");
            }
        }
        if (!seen.Contains("BODY"))
        {
            return Invalid("Param components must contain a BODY component.");
        }
        if (category == TemplateCategories.Authentication)
        {
            return ValidateAuthentication(list);
        }
        foreach (var component in list)
        {
            var error = component.Type() switch
            {
                "HEADER" => ValidateHeader(component, format),
                "BODY" => ValidateBody(component, format, TemplateLimits.BodyTextMaxLength),
                "FOOTER" => ValidateFooter(component),
                "BUTTONS" => TemplateButtonRules.Validate(component.Array("buttons"), category, TemplateLimits.ButtonsMax, carousel: false),
                "CAROUSEL" => ValidateCarousel(component, seen, format),
                _ => ValidateOffer(component, category, seen),
            };
            if (error is not null)
            {
                return error;
            }
        }
        return null;
    }

    private static WhatsAppError? ValidateHeader(JsonElement header, string format)
    {
        var kind = header.Type("format");
        if (!HeaderFormats.Contains(kind))
        {
            return Invalid($"Param HEADER format must be one of {{{string.Join(", ", HeaderFormats)}}}.", ErrorCatalog.TemplateHeaderFormatSubcode);
        }
        if (kind == "LOCATION")
        {
            return null;
        }
        if (kind != "TEXT")
        {
            return header.Property("example")?.Array("header_handle") is { Count: > 0 } handles && handles.All(h => h.ValueKind == JsonValueKind.String)
                ? null
                : Invalid($"A {kind} header needs a sample: example.header_handle with a media handle.", ErrorCatalog.TemplateHeaderFormatSubcode);
        }
        var text = header.String("text");
        if (string.IsNullOrEmpty(text))
        {
            return Invalid("A TEXT header needs text.", ErrorCatalog.TemplateHeaderFormatSubcode);
        }
        if (TemplateJson.Length(text) > TemplateLimits.HeaderTextMaxLength)
        {
            return Invalid($"Header text must be at most {TemplateLimits.HeaderTextMaxLength} characters.", ErrorCatalog.TemplateCharacterLimitSubcode);
        }
        var variables = TemplateVariables.In(text);
        if (variables.Count > TemplateLimits.HeaderTextMaxVariables)
        {
            return Invalid("Header text can have at most one variable.", ErrorCatalog.TemplateHeaderFormatSubcode);
        }
        if (variables.Count == 0)
        {
            return null;
        }
        if (CheckNames(variables, format, ErrorCatalog.TemplateHeaderFormatSubcode) is { } error)
        {
            return error;
        }
        var example = header.Property("example");
        var sampled = format == TemplateParameterFormats.Named
            ? example?.Array("header_text_named_params").Any(p => p.String("param_name") == variables[0] && p.String("example") is not null) == true
            : example?.Array("header_text") is { Count: 1 } samples && samples[0].ValueKind == JsonValueKind.String;
        return sampled ? null : Invalid("A header variable needs a sample value in example.header_text (or example.header_text_named_params).", ErrorCatalog.TemplateHeaderFormatSubcode);
    }

    internal static WhatsAppError? ValidateBody(JsonElement body, string format, int maxLength)
    {
        var text = body.String("text");
        if (string.IsNullOrEmpty(text))
        {
            return Invalid("The BODY component needs text.", ErrorCatalog.TemplateBodyFormatSubcode);
        }
        if (TemplateJson.Length(text) > maxLength)
        {
            return Invalid($"Body text must be at most {maxLength} characters.", ErrorCatalog.TemplateCharacterLimitSubcode);
        }
        var variables = TemplateVariables.In(text);
        if (variables.Count == 0)
        {
            return null;
        }
        if (CheckNames(variables, format, ErrorCatalog.TemplateBodyFormatSubcode) is { } error)
        {
            return error;
        }
        if (TemplateVariables.HasLeadingOrTrailing(text))
        {
            return Invalid("Variables can't be at the start or end of the template body.", ErrorCatalog.TemplateLeadingTrailingParamsSubcode);
        }
        var example = body.Property("example");
        if (format == TemplateParameterFormats.Named)
        {
            var sampled = example?.Array("body_text_named_params").Where(p => p.String("example") is not null).Select(p => p.String("param_name")).ToHashSet() ?? [];
            return variables.All(sampled.Contains)
                ? null
                : Invalid("Every body variable needs a sample value in example.body_text_named_params [{param_name, example}].", ErrorCatalog.TemplateBodyFormatSubcode);
        }
        var distinct = variables.Distinct().Count();
        return example?.Array("body_text") is [{ ValueKind: JsonValueKind.Array } samples, ..] && samples.GetArrayLength() == distinct
            ? null
            : Invalid($"The body has {distinct} variables: example.body_text needs one array with {distinct} sample values.", ErrorCatalog.TemplateBodyFormatSubcode);
    }

    /// <summary>POSITIONAL: <c>{{1}}</c>…<c>{{n}}</c>, numbered in sequence from 1. NAMED: lowercase names.</summary>
    private static WhatsAppError? CheckNames(IReadOnlyList<string> variables, string format, int subcode)
    {
        if (format == TemplateParameterFormats.Named)
        {
            return variables.All(TemplateVariables.IsNamed)
                ? null
                : Invalid("NAMED templates use variables like {{first_name}}: lowercase letters, digits and underscores.", subcode);
        }
        if (!variables.All(TemplateVariables.IsPositional))
        {
            return Invalid("POSITIONAL templates use numbered variables like {{1}}.", subcode);
        }
        var numbers = variables.Select(int.Parse).Distinct().Order().ToList();
        return numbers.SequenceEqual(Enumerable.Range(1, numbers.Count))
            ? null
            : Invalid("Variables must be numbered in sequence from {{1}}.", subcode);
    }

    private static WhatsAppError? ValidateFooter(JsonElement footer)
    {
        var text = footer.String("text");
        if (string.IsNullOrEmpty(text))
        {
            return Invalid("The FOOTER component needs text.", ErrorCatalog.TemplateFooterFormatSubcode);
        }
        if (TemplateJson.Length(text) > TemplateLimits.FooterTextMaxLength)
        {
            return Invalid($"Footer text must be at most {TemplateLimits.FooterTextMaxLength} characters.", ErrorCatalog.TemplateCharacterLimitSubcode);
        }
        return TemplateVariables.In(text).Count > 0 ? Invalid("Footer text can't contain variables.", ErrorCatalog.TemplateFooterFormatSubcode) : null;
    }

    /// <summary>Media card carousels: the message has a BODY and the CAROUSEL only; 2–10 cards of identical shape.</summary>
    private static WhatsAppError? ValidateCarousel(JsonElement carousel, HashSet<string> topLevel, string format)
    {
        if (topLevel.Any(t => t is not ("BODY" or "CAROUSEL")))
        {
            return Invalid("A carousel template has a BODY and a CAROUSEL component only.");
        }
        var cards = carousel.Array("cards");
        if (cards.Count is < TemplateLimits.CarouselCardsMin or > TemplateLimits.CarouselCardsMax)
        {
            return Invalid($"A carousel has {TemplateLimits.CarouselCardsMin} to {TemplateLimits.CarouselCardsMax} cards.");
        }
        string? firstShape = null;
        foreach (var card in cards)
        {
            var components = card.Array("components");
            var types = components.Select(c => c.Type()).ToList();
            if (!types.Contains("HEADER") || !types.Contains("BUTTONS") || types.Any(t => t is not ("HEADER" or "BODY" or "BUTTONS")) || types.Distinct().Count() != types.Count)
            {
                return Invalid("Every carousel card has a HEADER (IMAGE or VIDEO), an optional BODY and BUTTONS.");
            }
            if (components.Any(c => c.Type() == "HEADER" && c.Type("format") == "PRODUCT") && ValidateProductCard(components) is { } productError)
            {
                return productError;
            }
            foreach (var component in components)
            {
                var error = component.Type() switch
                {
                    "HEADER" => component.Type("format") switch
                    {
                        "IMAGE" or "VIDEO" => ValidateHeader(component, format),
                        "PRODUCT" => null,
                        _ => Invalid("Carousel card headers are IMAGE, VIDEO or PRODUCT.", ErrorCatalog.TemplateHeaderFormatSubcode),
                    },
                    "BODY" => ValidateBody(component, format, TemplateLimits.CarouselCardBodyMaxLength),
                    _ => TemplateButtonRules.Validate(component.Array("buttons"), TemplateCategories.Marketing, TemplateLimits.CarouselCardButtonsMax, carousel: true),
                };
                if (error is not null)
                {
                    return error;
                }
            }
            var shape = Shape(components);
            firstShape ??= shape;
            if (shape != firstShape)
            {
                return Invalid("All carousel cards must have the same components: the same header format, a body on all or none, and the same buttons.");
            }
        }
        return null;
    }

    /// <summary>
    /// A product card (M:templates/marketing-templates/product-card-carousel-templates, seed 000 "Catalog Carousel"):
    /// a PRODUCT header (image, title and price come from the catalog), no body, and one button: SPM ("View") or URL.
    /// </summary>
    private static WhatsAppError? ValidateProductCard(IReadOnlyList<JsonElement> components)
    {
        if (components.Any(c => c.Type() == "BODY"))
        {
            return Invalid("A product card has a PRODUCT header and one SPM or URL button; its name and price come from the catalog, so it has no BODY.");
        }
        var buttons = components.FirstOrDefault(c => c.Type() == "BUTTONS").Array("buttons");
        return buttons.Count == 1 && buttons[0].Type() is "SPM" or "URL"
            ? null
            : Invalid("A product card has exactly one button: SPM (View) or URL.");
    }

    private static string Shape(IEnumerable<JsonElement> components) => string.Join("|", components.OrderBy(c => c.Type(), StringComparer.Ordinal).Select(c => c.Type() switch
    {
        "HEADER" => "HEADER:" + c.Type("format"),
        "BUTTONS" => "BUTTONS:" + string.Join(",", c.Array("buttons").Select(b => b.Type())),
        var type => type,
    }));

    private static WhatsAppError? ValidateOffer(JsonElement offer, string category, HashSet<string> topLevel)
    {
        if (category != TemplateCategories.Marketing)
        {
            return Invalid("Limited-time offers are for MARKETING templates.");
        }
        if (topLevel.Contains("FOOTER"))
        {
            return Invalid("A limited-time offer template can't have a FOOTER.");
        }
        var details = offer.Property("limited_time_offer");
        var text = details?.String("text");
        if (string.IsNullOrEmpty(text))
        {
            return Invalid("limited_time_offer.text is required.");
        }
        return TemplateJson.Length(text) > TemplateLimits.LimitedTimeOfferTextMaxLength
            ? Invalid($"limited_time_offer.text must be at most {TemplateLimits.LimitedTimeOfferTextMaxLength} characters.", ErrorCatalog.TemplateCharacterLimitSubcode)
            : null;
    }

    /// <summary>
    /// Authentication templates have a fixed text: BODY (<c>add_security_recommendation</c>), optional FOOTER
    /// (<c>code_expiration_minutes</c> 1–90) and BUTTONS with exactly one OTP button; no header, no text of their own.
    /// </summary>
    private static WhatsAppError? ValidateAuthentication(List<JsonElement> components)
    {
        foreach (var component in components)
        {
            switch (component.Type())
            {
                case "BODY":
                    if (component.Property("text") is not null)
                    {
                        return Invalid("Authentication template bodies have a fixed text: set add_security_recommendation instead of text.", ErrorCatalog.TemplateBodyFormatSubcode);
                    }
                    break;
                case "FOOTER":
                    if (component.Property("text") is not null
                        || component.Integer("code_expiration_minutes") is not (>= TemplateLimits.CodeExpirationMinutesMin and <= TemplateLimits.CodeExpirationMinutesMax))
                    {
                        return Invalid($"Authentication template footers carry code_expiration_minutes ({TemplateLimits.CodeExpirationMinutesMin}-{TemplateLimits.CodeExpirationMinutesMax}) and no text.", ErrorCatalog.TemplateFooterFormatSubcode);
                    }
                    break;
                case "BUTTONS":
                    var buttons = component.Array("buttons");
                    if (buttons.Count != 1 || buttons[0].Type() != "OTP")
                    {
                        return Invalid("Authentication templates have exactly one OTP button.");
                    }
                    if (TemplateButtonRules.Validate(buttons, TemplateCategories.Authentication, 1, carousel: false) is { } error)
                    {
                        return error;
                    }
                    break;
                default:
                    return Invalid($"Authentication templates can't have a {component.Type()} component.");
            }
        }
        return components.Any(c => c.Type() == "BUTTONS") ? null : Invalid("Authentication templates need a BUTTONS component with an OTP button.");
    }
}
