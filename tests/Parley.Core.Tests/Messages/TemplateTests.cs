using static Parley.Core.Tests.Messages.ParserHarness;

namespace Parley.Core.Tests.Messages;

public class TemplateTests
{
    private const string Components = "template.components";

    [Theory]
    [InlineData("template.name", null, 131008, "The parameter template['name'] is required.")]
    [InlineData("template.language", null, 131008, "The parameter template['language'] is required.")]
    [InlineData("template.language.code", null, 131008, "The parameter template['language']['code'] is required.")]
    [InlineData("template.language.policy", "\"fallback\"", 131009, "Invalid value \"fallback\" for param template['language']['policy']. Allowed values: deterministic.")]
    [InlineData("template.language.policystring", "\"deterministic\"", 100, "Unexpected key \"policystring\" on param \"template['language']\".")]
    [InlineData("template.namespace", "\"ns\"", 100, "Unexpected key \"namespace\" on param \"template\".")]
    [InlineData("template.language", "\"en_US\"", 100, "Param template['language'] must be an object.")]
    [InlineData("template.components", "{}", 100, "Param template['components'] must be an array.")]
    public void InvalidTemplateEnvelopeFails(string path, string? value, int code, string details) =>
        Samples.TemplateHelloWorld.With(path, value).ShouldFailWith(code, details);

    [Fact]
    public void TemplateNameOver512CharactersFailsWithCode100() =>
        Samples.TemplateHelloWorld.With("template.name", Str(513)).ShouldFailWith(100);

    [Theory]
    [InlineData(Components + "[0].type", "\"footer\"", 131009)]
    [InlineData(Components + "[0].type", null, 131008)]
    [InlineData(Components + "[0].parameters", null, 131008)]
    [InlineData(Components + "[0].parameters", "[]", 131009)]
    [InlineData(Components + "[0].sub_type", "\"url\"", 100)]
    [InlineData(Components + "[0].parameters[0].image.caption", "\"x\"", 100)]
    [InlineData(Components + "[0].parameters[0].image.link", "\"http(s)://the-image-url\"", 131009)]
    [InlineData(Components + "[0].parameters[0].type", "\"currency\"", 131009)]
    [InlineData(Components + "[1].parameters[0].type", "\"image\"", 131009)]
    [InlineData(Components + "[1].parameters[0].text", "5", 100)]
    [InlineData(Components + "[1].parameters[1].currency.code", "\"usd\"", 131009)]
    [InlineData(Components + "[1].parameters[1].currency.code", "\"DOLLAR\"", 131009)]
    [InlineData(Components + "[1].parameters[1].currency.amount_1000", "100.5", 100)]
    [InlineData(Components + "[1].parameters[1].currency.amount_1000", "\"100990\"", 100)]
    [InlineData(Components + "[1].parameters[1].currency.fallback_value", null, 131008)]
    [InlineData(Components + "[1].parameters[2].date_time.fallback_value", null, 131008)]
    [InlineData(Components + "[1].parameters[2].date_time.zone", "\"UTC\"", 100)]
    [InlineData(Components + "[2].sub_type", null, 131008)]
    [InlineData(Components + "[2].sub_type", "\"call\"", 131009)]
    [InlineData(Components + "[2].index", null, 131008)]
    [InlineData(Components + "[2].index", "\"10\"", 131009)]
    [InlineData(Components + "[2].index", "-1", 131009)]
    [InlineData(Components + "[2].index", "\"first\"", 100)]
    [InlineData(Components + "[2].parameters", null, 131008)]
    [InlineData(Components + "[2].parameters[0].type", "\"currency\"", 131009)]
    [InlineData(Components + "[2].parameters[0].payload", null, 131008)]
    [InlineData(Components + "[2].parameters[0].text", "\"x\"", 100)]
    public void InvalidTemplateComponentFails(string path, string? value, int code) =>
        Samples.TemplateInteractive.With(path, value).ShouldFailWith(code);

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("\"\"")]
    public void MissingTextParameterFailsWithCode100AsMetaAnswersIt(string? text) =>
        Samples.TemplateOneTimePassword.With(Components + "[0].parameters[0].text", text)
            .ShouldFailWith(100, "Parameter 'text' is mandatory for component parameter type 'text'");

    [Fact]
    public void TextParameterOver32768CharactersFailsWithCode100() =>
        Samples.TemplateOneTimePassword.With(Components + "[0].parameters[0].text", Str(32769)).ShouldFailWith(100);

    [Theory]
    [InlineData("0")]
    [InlineData("9")]
    [InlineData("\"9\"")]
    public void ButtonIndexFromZeroToNineIsAccepted(string index) =>
        Samples.TemplateOneTimePassword.With(Components + "[1].index", index).ShouldSend();

    [Theory]
    [InlineData("QUICK_REPLY")]
    [InlineData("Url")]
    [InlineData("voice_call")]
    public void ButtonSubTypeIsMatchedIgnoringCase(string subType) =>
        Samples.TemplateOneTimePassword.With(Components + "[1].sub_type", $"\"{subType}\"").ShouldSend();

    [Fact]
    public void CouponCodeOver15CharactersFailsWithCode100() =>
        Samples.TemplateCopyCodeAndDocument.With(Components + "[2].parameters[0].coupon_code", Str(16))
            .ShouldFailWith(100, "Param template['components'][2]['parameters'][0]['coupon_code'] must be at most 15 characters long.");

    [Theory]
    [InlineData(Components + "[0].parameters[0].document.caption", "\"x\"", 100)]
    [InlineData(Components + "[0].parameters[0].document", """{"id":"1","link":"https://example.com/a.pdf"}""", 131009)]
    [InlineData(Components + "[1].parameters[0].parameter_name", "1", 100)]
    public void InvalidMediaOrNamedParameterFails(string path, string? value, int code) =>
        Samples.TemplateCopyCodeAndDocument.With(path, value).ShouldFailWith(code);

    [Theory]
    [InlineData(Components + "[0].parameters[0].location.latitude", "\"95\"", 131009)]
    [InlineData(Components + "[0].parameters[0].location.longitude", null, 131008)]
    public void InvalidLocationHeaderFails(string path, string? value, int code) =>
        Samples.TemplateLocationHeader.With(path, value).ShouldFailWith(code);

    [Fact]
    public void MultiProductButtonOverThirtyProductsFailsWithCode131009() =>
        Samples.TemplateMultiProduct.With(Components + "[2].parameters[0].action.sections[0].product_items",
            Array(30, i => $$"""{"product_retailer_id":"p{{i}}"}""")).ShouldFailWith(131009, "Total product count exceed max allowed count: 30");

    [Theory]
    [InlineData(Components + "[2].parameters[0].action.sections[0].title", "\"A section title over 24 chars\"", 131009)]
    [InlineData(Components + "[2].parameters[0].action.sections[0].title", null, 131008)]
    [InlineData(Components + "[2].parameters[0].action.catalog_id", "\"1\"", 100)]
    [InlineData(Components + "[2].parameters[0].action", null, 131008)]
    public void InvalidMultiProductButtonFails(string path, string? value, int code) =>
        Samples.TemplateMultiProduct.With(path, value).ShouldFailWith(code);

    [Theory]
    [InlineData(Components + "[1].cards[1].card_index", "0", 131009)]
    [InlineData(Components + "[1].cards[1].card_index", "10", 131009)]
    [InlineData(Components + "[1].cards[1].components", null, 131008)]
    [InlineData(Components + "[1].cards[1].components[0].type", "\"carousel\"", 131009)]
    [InlineData(Components + "[1].cards", "[]", 131009)]
    public void InvalidCarouselTemplateFails(string path, string? value, int code) =>
        Samples.TemplateCarousel.With(path, value).ShouldFailWith(code);

    [Theory]
    [InlineData(Components + "[1].parameters[0].limited_time_offer.expiration_time_ms", null, 131008)]
    [InlineData(Components + "[1].parameters[0].limited_time_offer.expiration_time_ms", "\"soon\"", 100)]
    [InlineData(Components + "[1].parameters[0].type", "\"text\"", 131009)]
    public void InvalidLimitedTimeOfferFails(string path, string? value, int code) =>
        Samples.TemplateLimitedTimeOffer.With(path, value).ShouldFailWith(code);
}
