using System.Globalization;
using System.Text.Json;

namespace Parley.Core.Templates;

/// <summary>A header: its format and, for TEXT, its text and variables.</summary>
public sealed record TemplateHeaderShape(string Format, string? Text, IReadOnlyList<string> Variables);

/// <summary>A body (or card body): its text and its distinct variables in order of appearance.</summary>
public sealed record TemplateBodyShape(string Text, IReadOnlyList<string> Variables);

/// <summary>One template button at its index.</summary>
public sealed record TemplateButtonShape(int Index, string Type, string Text, string? Url, string? PhoneNumber, string? OtpType)
{
    public bool UrlHasVariable => TemplateVariables.In(Url).Count > 0;

    /// <summary>
    /// The <c>sub_type</c> a template message uses to address this button (digest §1.6; seed004: OTP buttons are sent
    /// as <c>url</c>). Phone number buttons take no parameters, so nothing addresses them.
    /// </summary>
    public string? SendSubType => Type switch
    {
        "QUICK_REPLY" => "quick_reply",
        "URL" or "OTP" => "url",
        "COPY_CODE" => "copy_code",
        "FLOW" => "flow",
        "CATALOG" => "catalog",
        "MPM" => "mpm",
        "VOICE_CALL" => "voice_call",
        "ORDER_DETAILS" => "order_details",
        _ => null,
    };
}

/// <summary>A carousel card: media header, optional body, buttons.</summary>
public sealed record TemplateCardShape(TemplateHeaderShape? Header, TemplateBodyShape? Body, IReadOnlyList<TemplateButtonShape> Buttons);

/// <summary>
/// A stored template's components read into what sending needs: which parameters each part takes and what it says.
/// Authentication templates get Meta's fixed texts. Reads leniently: the components passed the creation rules.
/// </summary>
public sealed record TemplateShape(
    TemplateHeaderShape? Header,
    TemplateBodyShape? Body,
    string? Footer,
    IReadOnlyList<TemplateButtonShape> Buttons,
    IReadOnlyList<TemplateCardShape> Cards,
    bool HasCarousel,
    bool OfferExpires)
{
    /// <summary>Meta's fixed authentication texts (M authentication templates).</summary>
    public const string AuthenticationBody = "{{1}} is your verification code.";
    public const string SecurityRecommendation = " For your security, do not share this code.";
    public static string ExpirationFooter(long minutes) => $"This code expires in {minutes.ToString(CultureInfo.InvariantCulture)} minutes.";

    public static TemplateShape Parse(MessageTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        using var document = JsonDocument.Parse(template.Components);
        var components = document.RootElement.EnumerateArray().ToList();
        var authentication = template.Category == TemplateCategories.Authentication;
        var header = components.FirstOrDefault(c => c.Type() == "HEADER");
        var body = components.FirstOrDefault(c => c.Type() == "BODY");
        var footer = components.FirstOrDefault(c => c.Type() == "FOOTER");
        var carousel = components.FirstOrDefault(c => c.Type() == "CAROUSEL");
        var offer = components.FirstOrDefault(c => c.Type() == "LIMITED_TIME_OFFER");
        return new TemplateShape(
            ParseHeader(header),
            authentication
                ? FixedBody(AuthenticationBody + (body.Bool("add_security_recommendation") == true ? SecurityRecommendation : ""))
                : ParseBody(body),
            authentication
                ? footer.Integer("code_expiration_minutes") is { } minutes ? ExpirationFooter(minutes) : null
                : footer.String("text"),
            ParseButtons(components.FirstOrDefault(c => c.Type() == "BUTTONS")),
            carousel.ValueKind == JsonValueKind.Object
                ? carousel.Array("cards").Select(card =>
                {
                    var parts = card.Array("components");
                    return new TemplateCardShape(
                        ParseHeader(parts.FirstOrDefault(c => c.Type() == "HEADER")),
                        ParseBody(parts.FirstOrDefault(c => c.Type() == "BODY")),
                        ParseButtons(parts.FirstOrDefault(c => c.Type() == "BUTTONS")));
                }).ToList()
                : [],
            carousel.ValueKind == JsonValueKind.Object,
            offer.Property("limited_time_offer")?.Bool("has_expiration") == true);
    }

    private static TemplateHeaderShape? ParseHeader(JsonElement header) => header.ValueKind != JsonValueKind.Object
        ? null
        : new TemplateHeaderShape(header.Type("format"), header.String("text"), TemplateVariables.In(header.String("text")).Distinct().ToList());

    private static TemplateBodyShape? ParseBody(JsonElement body) => body.String("text") is { } text ? FixedBody(text) : null;

    private static TemplateBodyShape FixedBody(string text) => new(text, TemplateVariables.In(text).Distinct().ToList());

    private static List<TemplateButtonShape> ParseButtons(JsonElement component) =>
        component.ValueKind != JsonValueKind.Object
            ? []
            : component.Array("buttons").Select((b, i) => new TemplateButtonShape(
                i, b.Type(), b.String("text") ?? DefaultText(b), b.String("url"), b.String("phone_number"), b.Type("otp_type"))).ToList();

    /// <summary>Labels WhatsApp shows for buttons whose text Meta fixes.</summary>
    private static string DefaultText(JsonElement button) => button.Type() switch
    {
        "COPY_CODE" => "Copy offer code",
        "OTP" => button.Type("otp_type") == "COPY_CODE" ? "Copy code" : "Autofill",
        "CATALOG" => "View catalog",
        "MPM" => "View items",
        "SPM" => "View",
        "ORDER_DETAILS" => "Review and Pay",
        _ => "",
    };
}
