using static Parley.Core.Tests.Messages.ParserHarness;

namespace Parley.Core.Tests.Messages.Interactive;

public class ReplyButtonsTests
{
    private static string Buttons(int count) =>
        Samples.ReplyButtons.With("interactive.action.buttons", Array(count, i => $$$"""{"type":"reply","reply":{"id":"id-{{{i}}}","title":"Title {{{i}}}"}}"""));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void OneToThreeButtonsAreAccepted(int count) => Buttons(count).ShouldSend();

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void ButtonCountOutsideOneToThreeFailsWithCode131009(int count) =>
        Buttons(count).ShouldFailWith(131009, "Param interactive['action']['buttons'] must contain between 1 and 3 items.");

    [Theory]
    [InlineData(21)]
    [InlineData(0)]
    public void ButtonTitleOutsideOneTo20CharactersFailsWithCode131009(int length) =>
        Samples.ReplyButtons.With("interactive.action.buttons[0].reply.title", Str(length))
            .ShouldFailWith(131009, "Button title length invalid. Min length: 1, Max length: 20");

    [Fact]
    public void ButtonTitleOf20EmojiIsAccepted() =>
        Samples.ReplyButtons.With("interactive.action.buttons[0].reply.title",
            System.Text.Json.JsonSerializer.Serialize(string.Concat(Enumerable.Repeat("👍", 20)))).ShouldSend();

    [Theory]
    [InlineData("interactive.action.buttons[0].reply.id", "\" padded\"", 131009)]
    [InlineData("interactive.action.buttons[0].reply.id", "\"padded \"", 131009)]
    [InlineData("interactive.action.buttons[1].reply.id", "\"UNIQUE_BUTTON_ID_1\"", 131009)]
    [InlineData("interactive.action.buttons[1].reply.title", "\"BUTTON_TITLE_1\"", 131009)]
    [InlineData("interactive.action.buttons[0].type", "\"url\"", 131009)]
    [InlineData("interactive.action.buttons[0].type", null, 131008)]
    [InlineData("interactive.action.buttons[0].reply", null, 131008)]
    [InlineData("interactive.action.buttons[0].reply.id", null, 131008)]
    [InlineData("interactive.action.buttons[0].reply.title", null, 131008)]
    [InlineData("interactive.action.buttons[0].reply.payload", "\"x\"", 100)]
    [InlineData("interactive.action.buttons[0]", "\"Yes\"", 100)]
    [InlineData("interactive.action.buttons", "{}", 100)]
    [InlineData("interactive.action.buttons", null, 131008)]
    public void InvalidReplyButtonFails(string path, string? value, int code) =>
        Samples.ReplyButtons.With(path, value).ShouldFailWith(code);

    [Fact]
    public void ButtonIdOf256CharactersIsAccepted() =>
        Samples.ReplyButtons.With("interactive.action.buttons[0].reply.id", Str(256)).ShouldSend();

    [Fact]
    public void ButtonIdOver256CharactersFailsWithCode100() =>
        Samples.ReplyButtons.With("interactive.action.buttons[0].reply.id", Str(257))
            .ShouldFailWith(100, "Param interactive['action']['buttons'][0]['reply']['id'] must be at most 256 characters long.");

    [Fact]
    public void DuplicateButtonIdsNameTheDuplicate() =>
        Samples.ReplyButtons.With("interactive.action.buttons[1].reply.id", "\"UNIQUE_BUTTON_ID_1\"")
            .ShouldFailWith(131009, "Button id must be unique; \"UNIQUE_BUTTON_ID_1\" is used more than once.");
}
