using static Parley.Core.Tests.Messages.ParserHarness;

namespace Parley.Core.Tests.Messages.Interactive;

public class CarouselTests
{
    private const string Cards = "interactive.action.cards";

    private static string UrlCards(int count) => Samples.CarouselWithUrlButtons.With(Cards, Array(count, UrlCard));

    private static string UrlCard(int index) =>
        $$"""{"card_index":{{index}},"header":{"type":"image","image":{"link":"https://example.com/{{index}}.png"} },""" +
        $$"""  "action":{"name":"cta_url","parameters":{"display_text":"Buy","url":"https://example.com/{{index}}"} } }""";

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public void TwoToTenCardsAreAccepted(int count) => UrlCards(count).ShouldSend();

    [Theory]
    [InlineData(1)]
    [InlineData(11)]
    public void CardCountOutsideTwoToTenFailsWithCode131009(int count) =>
        UrlCards(count).ShouldFailWith(131009, "Param interactive['action']['cards'] must contain between 2 and 10 items.");

    [Theory]
    [InlineData(Cards + "[1].card_index", "0", 131009)]
    [InlineData(Cards + "[1].card_index", "10", 131009)]
    [InlineData(Cards + "[1].card_index", "\"1\"", 100)]
    [InlineData(Cards + "[1].card_index", null, 131008)]
    [InlineData(Cards + "[1].type", "\"quick_reply\"", 131009)]
    [InlineData(Cards + "[1].header", null, 131008)]
    [InlineData(Cards + "[1].header", """{"type":"text","text":"Hi"}""", 131009)]
    [InlineData(Cards + "[1].header", """{"type":"video","video":{"link":"https://example.com/v.mp4"}}""", 131009)]
    [InlineData(Cards + "[1].action", null, 131008)]
    [InlineData(Cards + "[1].action.parameters.display_text", "\"This label is far too long\"", 131009)]
    [InlineData(Cards + "[1].action", """{"buttons":[{"type":"quick_reply","quick_reply":{"id":"a","title":"A"}}]}""", 131009)]
    [InlineData(Cards + "[0].body.text", "\"one\\ntwo\\nthree\\nfour\"", 131009)]
    [InlineData(Cards + "[0].footer", """{"text":"x"}""", 100)]
    [InlineData("interactive.footer", """{"text":"x"}""", 131009)]
    [InlineData("interactive.action.buttons", "[]", 100)]
    public void InvalidCarouselFails(string path, string? value, int code) =>
        Samples.CarouselWithUrlButtons.With(path, value).ShouldFailWith(code);

    [Fact]
    public void CardBodyOver160CharactersFailsWithCode100() =>
        Samples.CarouselWithUrlButtons.With(Cards + "[0].body.text", Str(161))
            .ShouldFailWith(100, "Param interactive['action']['cards'][0]['body']['text'] must be at most 160 characters long.");

    [Fact]
    public void CardBodyWithTwoLineBreaksIsAccepted() =>
        Samples.CarouselWithUrlButtons.With(Cards + "[0].body.text", "\"one\\ntwo\\nthree\"").ShouldSend();

    [Fact]
    public void CardsMustShareTheirHeaderType() =>
        Samples.CarouselWithQuickReplies.With(Cards + "[1].header", """{"type":"image","image":{"id":"1"}}""")
            .ShouldFailWith(131009, "All carousel cards must use the same header type.");

    [Fact]
    public void CardsMustShareTheirNumberOfQuickReplies() =>
        Samples.CarouselWithQuickReplies.Without(Cards + "[1].action.buttons[1]")
            .ShouldFailWith(131009, "All carousel cards must have the same button type and number of buttons.");

    [Theory]
    [InlineData(Cards + "[0].action.buttons[0].quick_reply.title", "\"A title over twenty chars\"", 131009)]
    [InlineData(Cards + "[0].action.buttons[0].quick_reply.id", null, 131008)]
    [InlineData(Cards + "[0].action.buttons[1].quick_reply.id", "\"learn-a\"", 131009)]
    [InlineData(Cards + "[0].action.buttons[0].type", "\"reply\"", 131009)]
    [InlineData(Cards + "[0].action.buttons", "[]", 131009)]
    [InlineData(Cards + "[0].action.name", "\"cta_url\"", 100)]
    public void InvalidQuickReplyCardFails(string path, string? value, int code) =>
        Samples.CarouselWithQuickReplies.With(path, value).ShouldFailWith(code);
}

/// <summary>Meta's product carousel: 2–10 <c>type: "product"</c> cards naming products of one catalog, no header, footer or buttons.</summary>
public class ProductCarouselTests
{
    private static string ProductCards(params string[] catalogs)
    {
        var cards = string.Join(",", catalogs.Select((c, i) =>
            $$$"""{"card_index":{{{i}}},"type":"product","action":{"product_retailer_id":"SKU-{{{i}}}","catalog_id":"{{{c}}}"}}"""));
        return """{"messaging_product":"whatsapp","to":"16505551234","type":"interactive","interactive":{"type":"carousel","body":{"text":"Shoes"},"action":{"cards":["""
            + cards + "]}}}";
    }

    [Fact]
    public void ProductCardsOfOneCatalogAreAccepted() => ProductCards("1", "1", "1").ShouldSend();

    [Fact]
    public void ProductCardsOfTwoCatalogsFailWith131009() =>
        ProductCards("1", "2").ShouldFailWith(131009).Details.ShouldContain("same catalog_id");

    [Fact]
    public void AProductCardWithABodyOrAMissingProductFails()
    {
        ProductCards("1", "1").With("interactive.action.cards[1].body", """{"text":"x"}""").ShouldFailWith(100);
        ProductCards("1", "1").With("interactive.action.cards[1].action.product_retailer_id", null).ShouldFailWith(131008);
    }

    [Fact]
    public void ProductAndMediaCardsDoNotMix() =>
        ProductCards("1", "1").With("interactive.action.cards[1]",
            """{"card_index":1,"header":{"type":"image","image":{"link":"https://example.com/1.png"}},"action":{"name":"cta_url","parameters":{"display_text":"Buy","url":"https://example.com/1"}}}""")
            .ShouldFailWith(131009).Details.ShouldContain("product cards");
}
