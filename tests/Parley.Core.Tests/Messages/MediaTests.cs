using static Parley.Core.Tests.Messages.ParserHarness;

namespace Parley.Core.Tests.Messages;

public class MediaTests
{
    private static string Media(string type, string media) =>
        $$"""{"messaging_product":"whatsapp","to":"+16505551234","type":"{{type}}","{{type}}":{{media}}}""";

    public static TheoryData<string> AllMediaTypes => ["image", "audio", "video", "document", "sticker"];
    public static TheoryData<string> CaptionedTypes => ["image", "video", "document"];
    public static TheoryData<string> UncaptionedTypes => ["audio", "sticker"];

    [Theory]
    [MemberData(nameof(AllMediaTypes))]
    public void MediaByIdOrByLinkIsAccepted(string type)
    {
        Media(type, """{"id":"12345"}""").ShouldSend();
        Media(type, """{"link":"https://cdn.example.com/path/file?x=1"}""").ShouldSend();
    }

    [Theory]
    [MemberData(nameof(AllMediaTypes))]
    public void MediaWithBothIdAndLinkFailsWithCode131009(string type) =>
        Media(type, """{"id":"1","link":"https://example.com/a"}""").ShouldFailWith(131009, $"Param {type} must have either id or link, not both.");

    [Theory]
    [MemberData(nameof(AllMediaTypes))]
    public void MediaWithNeitherIdNorLinkFailsWithCode131008(string type) =>
        Media(type, "{}").ShouldFailWith(131008, $"The parameter {type}['id'] or {type}['link'] is required.");

    [Theory]
    [InlineData("\"ftp://example.com/a.jpg\"")]
    [InlineData("\"example.com/a.jpg\"")]
    [InlineData("\"/relative/a.jpg\"")]
    [InlineData("\"javascript:alert(1)\"")]
    [InlineData("\"https://\"")]
    public void MediaLinkThatIsNotAnHttpUrlFailsWithCode131009(string link) =>
        Samples.ImageByLink.With("image.link", link).ShouldFailWith(131009, "Param image['link'] must be a valid http or https URL.");

    [Fact]
    public void MediaIdOfWrongJsonTypeFailsWithCode100() =>
        Samples.ImageById.With("image.id", "1234567890").ShouldFailWith(100, "Param image['id'] must be a string.");

    [Theory]
    [MemberData(nameof(CaptionedTypes))]
    public void CaptionOf1024CharactersIsAccepted(string type) =>
        Media(type, $$"""{"id":"1","caption":{{Str(1024)}}}""").ShouldSend();

    [Theory]
    [MemberData(nameof(CaptionedTypes))]
    public void CaptionOver1024CharactersFailsWithCode100(string type) =>
        Media(type, $$"""{"id":"1","caption":{{Str(1025)}}}""").ShouldFailWith(100, $"Param {type}['caption'] must be at most 1024 characters long.");

    [Theory]
    [MemberData(nameof(UncaptionedTypes))]
    public void AudioAndStickerTakeNoCaption(string type) =>
        Media(type, """{"id":"1","caption":"hi"}""").ShouldFailWith(100, $"Unexpected key \"caption\" on param \"{type}\".");

    [Fact]
    public void DocumentTakesAFilename() => Samples.DocumentById.ShouldSend();

    [Theory]
    [InlineData("image")]
    [InlineData("video")]
    public void OnlyDocumentsTakeAFilename(string type) =>
        Media(type, """{"id":"1","filename":"a.pdf"}""").ShouldFailWith(100, $"Unexpected key \"filename\" on param \"{type}\".");

    [Fact]
    public void MediaThatIsNotAnObjectFailsWithCode100() =>
        Media("image", "\"https://example.com/a.jpg\"").ShouldFailWith(100, "Param image must be an object.");
}
