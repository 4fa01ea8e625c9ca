using System.Text.Json;
using Parley.Core.Errors;

namespace Parley.Core.Templates;

/// <summary>
/// What WhatsApp checks when a template message is sent, against the stored template (digest §1.6, §2.2): the
/// template exists in that language and is approved (132001), is not paused (132015) or disabled (132016), every
/// component gets as many parameters as it has variables (132000), of the kind it needs (132012), and every button
/// component addresses an existing button with its sub-type.
/// </summary>
public static class TemplateSendCheck
{
    /// <param name="template">The account's template of that name and language, or null.</param>
    /// <param name="message">The message's <c>template</c> object (already structurally valid).</param>
    public static WhatsAppError? Check(MessageTemplate? template, JsonElement message)
    {
        var name = message.String("name") ?? "";
        var language = message.Property("language")?.String("code") ?? "";
        switch (template?.Status)
        {
            case TemplateStatuses.Approved:
                break;
            case TemplateStatuses.Paused:
                return ErrorCatalog.TemplatePaused.With($"Template {name} ({language}) is paused because of low quality.");
            case TemplateStatuses.Disabled:
                return ErrorCatalog.TemplateDisabled.With($"Template {name} ({language}) has been disabled.");
            default:
                return ErrorCatalog.TemplateDoesNotExist.With($"template name ({name}) does not exist in {language}");
        }
        var shape = TemplateShape.Parse(template);
        var named = template.ParameterFormat == TemplateParameterFormats.Named;
        var components = message.Array("components");
        if (components.Any(c => c.String("type") == "carousel") && !shape.HasCarousel)
        {
            return CountMismatch("the template has no carousel.");
        }
        if (components.Any(c => c.String("type") == "limited_time_offer") && !shape.OfferExpires)
        {
            return CountMismatch("the template has no limited-time offer with an expiration.");
        }
        if (shape.OfferExpires && !components.Any(c => c.String("type") == "limited_time_offer"))
        {
            return CountMismatch("limited_time_offer: expected 1 parameter, received 0.");
        }
        return CheckParts(shape.Header, shape.Body, shape.Buttons, components, named, "")
            ?? (shape.HasCarousel ? CheckCarousel(shape.Cards, components, named) : null);
    }

    /// <summary>
    /// Authentication templates (one-tap, zero-tap and copy-code) need the user's phone number: sent to a BSUID only
    /// they fail with 131062 (Meta, "Business-scoped user IDs").
    /// </summary>
    /// <param name="to">The message's normalized recipient (a phone number or a BSUID).</param>
    public static WhatsAppError? CheckRecipient(MessageTemplate? template, string to) =>
        template?.Category == TemplateCategories.Authentication && Users.Bsuid.IsValid(to)
            ? ErrorCatalog.BsuidRecipientNotSupported.With(
                $"Authentication template {template.Name} ({template.Language}) needs the user's phone number: send it with to, not to a business-scoped user ID.")
            : null;

    private static WhatsAppError? CheckCarousel(IReadOnlyList<TemplateCardShape> cards, IReadOnlyList<JsonElement> components, bool named)
    {
        var carousel = components.Where(c => c.String("type") == "carousel").ToList();
        var given = carousel.Count == 1 ? carousel[0].Array("cards") : [];
        if (given.Count != cards.Count)
        {
            return CountMismatch($"carousel: expected {cards.Count} cards, received {given.Count}.");
        }
        foreach (var card in given)
        {
            var index = (int)(card.Integer("card_index") ?? -1);
            if (index < 0 || index >= cards.Count)
            {
                return CountMismatch($"carousel: card_index {index} does not exist in the template.");
            }
            if (CheckParts(cards[index].Header, cards[index].Body, cards[index].Buttons, card.Array("components"), named, $"card {index}: ") is { } error)
            {
                return error;
            }
        }
        return null;
    }

    private static WhatsAppError? CheckParts(
        TemplateHeaderShape? header, TemplateBodyShape? body, IReadOnlyList<TemplateButtonShape> buttons,
        IReadOnlyList<JsonElement> components, bool named, string where)
    {
        var headers = components.Where(c => c.String("type") == "header").ToList();
        var bodies = components.Where(c => c.String("type") == "body").ToList();
        if (headers.Count > 1 || bodies.Count > 1)
        {
            return CountMismatch($"{where}a template message has at most one header and one body component.");
        }
        return CheckHeader(header, headers.Count == 1 ? headers[0].Array("parameters") : [], named, where)
            ?? CheckBody(body, bodies.Count == 1 ? bodies[0].Array("parameters") : [], named, where)
            ?? CheckButtons(buttons, components.Where(c => c.String("type") == "button").ToList(), where);
    }

    private static WhatsAppError? CheckHeader(TemplateHeaderShape? header, IReadOnlyList<JsonElement> parameters, bool named, string where)
    {
        var kind = header?.Format switch
        {
            null => null,
            "TEXT" => header.Variables.Count == 0 ? null : "text",
            var format => format.ToLowerInvariant(),
        };
        var expected = kind is null ? 0 : 1;
        if (parameters.Count != expected)
        {
            return CountMismatch($"{where}header: expected {expected} parameters, received {parameters.Count}.");
        }
        if (kind is null)
        {
            return null;
        }
        var type = parameters[0].String("type");
        if (type != kind)
        {
            return FormatMismatch($"{where}header: expected a {kind} parameter, received {type}.");
        }
        return kind == "text" ? CheckNames(header!.Variables, parameters, named, where + "header") : null;
    }

    private static WhatsAppError? CheckBody(TemplateBodyShape? body, IReadOnlyList<JsonElement> parameters, bool named, string where)
    {
        var expected = body?.Variables.Count ?? 0;
        if (parameters.Count != expected)
        {
            return CountMismatch($"{where}body: expected {expected} parameters, received {parameters.Count}.");
        }
        return expected == 0 ? null : CheckNames(body!.Variables, parameters, named, where + "body");
    }

    /// <summary>NAMED templates need <c>parameter_name</c> on every parameter (132012), naming exactly the template's variables (132000).</summary>
    private static WhatsAppError? CheckNames(IReadOnlyList<string> variables, IReadOnlyList<JsonElement> parameters, bool named, string where)
    {
        if (!named)
        {
            return null;
        }
        var names = parameters.Select(p => p.String("parameter_name")).ToList();
        if (names.Any(n => n is null))
        {
            return FormatMismatch($"{where}: a NAMED template needs parameter_name on every parameter.");
        }
        return names.Order(StringComparer.Ordinal).SequenceEqual(variables.Order(StringComparer.Ordinal))
            ? null
            : CountMismatch($"{where}: expected parameters named {string.Join(", ", variables)}, received {string.Join(", ", names)}.");
    }

    private static WhatsAppError? CheckButtons(IReadOnlyList<TemplateButtonShape> buttons, IReadOnlyList<JsonElement> given, string where)
    {
        var addressed = new HashSet<int>();
        foreach (var component in given)
        {
            var index = (int)(component.Integer("index") ?? -1);
            if (index < 0 || index >= buttons.Count)
            {
                return CountMismatch($"{where}button at index {index} does not exist in the template (it has {buttons.Count} buttons).");
            }
            if (!addressed.Add(index))
            {
                return CountMismatch($"{where}button at index {index} is given more than once.");
            }
            var button = buttons[index];
            var subType = component.String("sub_type")?.ToLowerInvariant();
            if (button.SendSubType != subType)
            {
                return FormatMismatch($"{where}button at index {index} is a {button.Type} button; sub_type {subType} does not match it.");
            }
            if (CheckButtonParameters(button, component.Array("parameters"), where) is { } error)
            {
                return error;
            }
        }
        var missing = buttons.FirstOrDefault(b => !addressed.Contains(b.Index) && NeedsParameter(b));
        return missing is null ? null : CountMismatch($"{where}button at index {missing.Index} ({missing.Type}): expected 1 parameter, received 0.");
    }

    private static bool NeedsParameter(TemplateButtonShape button) =>
        button.Type is "OTP" or "COPY_CODE" or "MPM" or "ORDER_DETAILS" || (button.Type == "URL" && button.UrlHasVariable);

    /// <summary>The one parameter kind each button takes (digest §1.6 parameter table); none for a URL without a variable.</summary>
    private static WhatsAppError? CheckButtonParameters(TemplateButtonShape button, IReadOnlyList<JsonElement> parameters, string where)
    {
        var (kind, expected) = button.Type switch
        {
            "QUICK_REPLY" => ("payload", 1),
            "URL" => ("text", button.UrlHasVariable ? 1 : 0),
            "OTP" => ("text", 1),
            "COPY_CODE" => ("coupon_code", 1),
            _ => ("action", 1),
        };
        if (parameters.Count != expected)
        {
            return CountMismatch($"{where}button at index {button.Index}: expected {expected} parameters, received {parameters.Count}.");
        }
        var type = expected == 0 ? kind : parameters[0].String("type");
        return type == kind ? null : FormatMismatch($"{where}button at index {button.Index}: expected a {kind} parameter, received {type}.");
    }

    private static WhatsAppError CountMismatch(string details) => ErrorCatalog.TemplateParamCountMismatch.With(details);

    private static WhatsAppError FormatMismatch(string details) => ErrorCatalog.TemplateParameterFormatMismatch.With(details);
}
