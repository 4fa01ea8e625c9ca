using static Parley.Core.Tests.Messages.ParserHarness;

namespace Parley.Core.Tests.Messages;

public class TextTests
{
    [Fact]
    public void TextBodyOf4096CharactersIsAccepted() => Samples.Text.With("text.body", Str(4096)).ShouldSend();

    [Fact]
    public void TextBodyOver4096CharactersFailsWithCode100() =>
        Samples.Text.With("text.body", Str(4097)).ShouldFailWith(100, "Param text['body'] must be at most 4096 characters long.");

    [Fact]
    public void TextBodyLengthCountsEmojiAsOneCharacter()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 4096));
        Samples.Text.With("text.body", System.Text.Json.JsonSerializer.Serialize(emoji)).ShouldSend();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("\"\"")]
    public void MissingTextBodyFailsWithCode131008(string? body) =>
        Samples.Text.With("text.body", body).ShouldFailWith(131008, "The parameter text['body'] is required.");

    [Theory]
    [InlineData("text.body", "5", "Param text['body'] must be a string.")]
    [InlineData("text.body", "[\"a\"]", "Param text['body'] must be a string.")]
    [InlineData("text.preview_url", "\"yes\"", "Param text['preview_url'] must be a boolean.")]
    [InlineData("text", "[]", "Param text must be an object.")]
    [InlineData("text", "\"hello\"", "Param text must be an object.")]
    [InlineData("text.foo", "1", "Unexpected key \"foo\" on param \"text\".")]
    public void MalformedTextFailsWithCode100(string path, string value, string details) =>
        Samples.Text.With(path, value).ShouldFailWith(100, details);
}
