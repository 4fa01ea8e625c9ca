using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Core.Templates;

/// <summary>A button as the recipient sees it; <c>Payload</c> is what a quick-reply tap sends back.</summary>
public sealed record RenderedButton(int Index, string Type, string Text, string? Payload, string? Url, string? PhoneNumber);

/// <summary>A carousel card as the recipient sees it.</summary>
public sealed record RenderedCard(int Index, string? HeaderFormat, string? Body, IReadOnlyList<RenderedButton> Buttons);

/// <summary>A template message as the recipient sees it: texts with the parameters put in.</summary>
/// <param name="HeaderFormat">TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION; null without a header.</param>
/// <param name="Header">The header text (TEXT headers only).</param>
public sealed record RenderedTemplate(
    string? HeaderFormat, string? Header, string Body, string? Footer, IReadOnlyList<RenderedButton> Buttons, IReadOnlyList<RenderedCard> Cards)
{
    /// <summary>Header, body and footer, one paragraph each; buttons one per line as <c>[text]</c>.</summary>
    public string Text
    {
        get
        {
            var text = new StringBuilder();
            if (Header is not null)
            {
                text.Append(Header).Append("\n\n");
            }
            text.Append(Body);
            if (Footer is not null)
            {
                text.Append("\n\n").Append(Footer);
            }
            foreach (var button in Buttons)
            {
                text.Append("\n[").Append(button.Text).Append(']');
            }
            return text.ToString();
        }
    }
}

/// <summary>Puts a template message's parameters into its template (after <see cref="TemplateSendCheck"/> passed).</summary>
public static class TemplateRenderer
{
    public static RenderedTemplate Render(MessageTemplate template, JsonElement message)
    {
        var shape = TemplateShape.Parse(template);
        var components = message.Array("components");
        var cards = components.FirstOrDefault(c => c.String("type") == "carousel").Array("cards");
        return new RenderedTemplate(
            shape.Header?.Format,
            shape.Header?.Text is { } header ? Fill(header, Parameters(components, "header")) : null,
            Fill(shape.Body?.Text ?? "", Parameters(components, "body")),
            shape.Footer,
            Buttons(shape.Buttons, components),
            shape.Cards.Select((card, i) =>
            {
                var given = cards.FirstOrDefault(c => c.Integer("card_index") == i).Array("components");
                return new RenderedCard(i, card.Header?.Format, card.Body is { } body ? Fill(body.Text, Parameters(given, "body")) : null, Buttons(card.Buttons, given));
            }).ToList());
    }

    private static IReadOnlyList<JsonElement> Parameters(IReadOnlyList<JsonElement> components, string type) =>
        components.FirstOrDefault(c => c.String("type") == type).Array("parameters");

    /// <summary>Positional parameters fill <c>{{1}}</c>… in order; named ones fill the variable of their <c>parameter_name</c>.</summary>
    private static string Fill(string text, IReadOnlyList<JsonElement> parameters)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Count; i++)
        {
            var value = Value(parameters[i]);
            values[(i + 1).ToString(CultureInfo.InvariantCulture)] = value;
            if (parameters[i].String("parameter_name") is { } name)
            {
                values[name] = value;
            }
        }
        return TemplateVariables.Substitute(text, v => values.GetValueOrDefault(v));
    }

    /// <summary>Text as sent; currency and date_time render their <c>fallback_value</c> (digest §1.6).</summary>
    private static string Value(JsonElement parameter) => parameter.String("type") switch
    {
        "currency" => parameter.Property("currency")?.String("fallback_value") ?? "",
        "date_time" => parameter.Property("date_time")?.String("fallback_value") ?? "",
        "payload" => parameter.String("payload") ?? "",
        "coupon_code" => parameter.String("coupon_code") ?? "",
        _ => parameter.String("text") ?? "",
    };

    private static List<RenderedButton> Buttons(IReadOnlyList<TemplateButtonShape> buttons, IReadOnlyList<JsonElement> components) =>
        buttons.Select(button =>
        {
            var given = components.FirstOrDefault(c => c.String("type") == "button" && c.Integer("index") == button.Index).Array("parameters");
            var value = given.Count > 0 ? Value(given[0]) : null;
            return new RenderedButton(
                button.Index,
                button.Type,
                button.Text,
                button.Type == "QUICK_REPLY" ? value ?? button.Text : null,
                button.Url is { } url ? TemplateVariables.Substitute(url, _ => value) : null,
                button.PhoneNumber);
        }).ToList();
}
