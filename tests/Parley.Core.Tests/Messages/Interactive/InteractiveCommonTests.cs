using static Parley.Core.Tests.Messages.ParserHarness;

namespace Parley.Core.Tests.Messages.Interactive;

public class InteractiveCommonTests
{
    [Fact]
    public void UnknownInteractiveTypeFailsWithCode131009() =>
        Samples.ReplyButtons.With("interactive.type", "\"form_message\"").ShouldFailWith(131009);

    [Theory]
    [InlineData("interactive.type", null, 131008, "The parameter interactive['type'] is required.")]
    [InlineData("interactive.action", null, 131008, "The parameter interactive['action'] is required.")]
    [InlineData("interactive.body", null, 131008, "The parameter interactive['body'] is required.")]
    [InlineData("interactive.body.text", null, 131008, "The parameter interactive['body']['text'] is required.")]
    [InlineData("interactive.footer.text", null, 131008, "The parameter interactive['footer']['text'] is required.")]
    [InlineData("interactive.header.type", null, 131008, "The parameter interactive['header']['type'] is required.")]
    [InlineData("interactive.header.image", null, 131008, "The parameter interactive['header']['image'] is required.")]
    [InlineData("interactive.parameters", "{}", 100, "Unexpected key \"parameters\" on param \"interactive\".")]
    [InlineData("interactive.body.title", "\"x\"", 100, "Unexpected key \"title\" on param \"interactive['body']\".")]
    [InlineData("interactive.header.text", "\"x\"", 100, "Unexpected key \"text\" on param \"interactive['header']\".")]
    [InlineData("interactive.header.image.caption", "\"x\"", 100, "Unexpected key \"caption\" on param \"interactive['header']['image']\".")]
    [InlineData("interactive.action", "[]", 100, "Param interactive['action'] must be an object.")]
    [InlineData("interactive.header.type", "\"location\"", 131009, "Invalid value \"location\" for param interactive['header']['type']. Allowed values: text, image, video, document.")]
    [InlineData("interactive.header.image.id", "\"1\"", 131009, "Param interactive['header']['image'] must have either id or link, not both.")]
    [InlineData("interactive.header.image.link", "\"mailto:a@b.c\"", 131009, "Param interactive['header']['image']['link'] must be a valid http or https URL.")]
    public void InvalidCommonPartFails(string path, string? value, int code, string details) =>
        Samples.ReplyButtons.With(path, value).ShouldFailWith(code, details);

    [Fact]
    public void BodyOf1024CharactersIsAccepted() => Samples.ReplyButtons.With("interactive.body.text", Str(1024)).ShouldSend();

    [Fact]
    public void BodyOver1024CharactersFailsWithCode100() =>
        Samples.ReplyButtons.With("interactive.body.text", Str(1025))
            .ShouldFailWith(100, "Param interactive['body']['text'] must be at most 1024 characters long.");

    [Fact]
    public void FooterOver60CharactersFailsWithCode100() =>
        Samples.ReplyButtons.With("interactive.footer.text", Str(61))
            .ShouldFailWith(100, "Param interactive['footer']['text'] must be at most 60 characters long.");

    [Theory]
    [InlineData("text", 60, true)]
    [InlineData("text", 61, false)]
    [InlineData("sub_text", 60, true)]
    [InlineData("sub_text", 61, false)]
    public void TextHeaderAndSubTextAreLimitedTo60Characters(string field, int length, bool accepted)
    {
        var json = Samples.List.With($"interactive.header.{field}", Str(length));
        if (accepted)
        {
            json.ShouldSend();
        }
        else
        {
            json.ShouldFailWith(100, $"Param interactive['header']['{field}'] must be at most 60 characters long.");
        }
    }

    [Theory]
    [InlineData("""{"type":"text","text":"Hi"}""")]
    [InlineData("""{"type":"video","video":{"id":"1"}}""")]
    [InlineData("""{"type":"document","document":{"link":"https://example.com/a.pdf","filename":"a.pdf"}}""")]
    public void ReplyButtonsTakeAnyHeaderType(string header) => Samples.ReplyButtons.With("interactive.header", header).ShouldSend();

    [Theory]
    [InlineData(nameof(Samples.Product))]
    [InlineData(nameof(Samples.CatalogMessage))]
    [InlineData(nameof(Samples.LocationRequest))]
    [InlineData(nameof(Samples.CarouselWithUrlButtons))]
    [InlineData(nameof(Samples.CallPermissionRequest))]
    public void TypesWithoutHeaderRejectOneWithCode131009(string sample) =>
        Samples.Sends[sample].With("interactive.header", """{"type":"text","text":"Hi"}""").ShouldFailWith(131009);

    [Fact]
    public void ProductBodyIsOptional() => Samples.Product.Without("interactive.body").ShouldSend();

    [Theory]
    [InlineData(nameof(Samples.ReplyButtons))]
    [InlineData(nameof(Samples.List))]
    [InlineData(nameof(Samples.ProductList))]
    [InlineData(nameof(Samples.CatalogMessage))]
    [InlineData(nameof(Samples.FlowById))]
    [InlineData(nameof(Samples.CtaUrl))]
    [InlineData(nameof(Samples.LocationRequest))]
    [InlineData(nameof(Samples.AddressIndia))]
    [InlineData(nameof(Samples.CarouselWithUrlButtons))]
    public void BodyIsRequiredForEveryTypeButProduct(string sample) =>
        Samples.Sends[sample].Without("interactive.body").ShouldFailWith(131008, "The parameter interactive['body'] is required.");

    [Fact]
    public void ActionOfAnotherTypeFailsWithCode100() =>
        Samples.ReplyButtons.With("interactive.action", """{"button":"Menu","sections":[]}""")
            .ShouldFailWith(100, "Unexpected key \"button\" on param \"interactive['action']\".");
}
