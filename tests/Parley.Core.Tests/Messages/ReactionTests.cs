namespace Parley.Core.Tests.Messages;

public class ReactionTests
{
    [Theory]
    [InlineData("😀")]
    [InlineData("❤️")]
    [InlineData("👍🏽")]
    [InlineData("🇺🇸")]
    [InlineData("👨‍👩‍👧")]
    [InlineData("1️⃣")]
    [InlineData("")]
    public void SingleEmojiOrEmptyStringIsAccepted(string emoji) =>
        Samples.Reaction.With("reaction.emoji", System.Text.Json.JsonSerializer.Serialize(emoji)).ShouldSend();

    [Theory]
    [InlineData("a")]
    [InlineData("ok")]
    [InlineData("😀😀")]
    [InlineData("😀 ")]
    [InlineData("1")]
    public void AnythingButOneEmojiFailsWithCode131009(string emoji) =>
        Samples.Reaction.With("reaction.emoji", System.Text.Json.JsonSerializer.Serialize(emoji))
            .ShouldFailWith(131009, "Param reaction['emoji'] must be a single emoji, or empty to remove a reaction.");

    [Theory]
    [InlineData("reaction.emoji", null, 131008)]
    [InlineData("reaction.message_id", null, 131008)]
    [InlineData("reaction.message_id", "\"\"", 131008)]
    [InlineData("reaction.emoji", "128512", 100)]
    [InlineData("reaction.extra", "1", 100)]
    public void InvalidReactionFails(string path, string? value, int code) => Samples.Reaction.With(path, value).ShouldFailWith(code);

    [Fact]
    public void ReactionCannotBeAReply() =>
        Samples.Reaction.With("context", """{"message_id":"wamid.1"}""")
            .ShouldFailWith(100, "Param context is not allowed on reaction messages: reactions cannot be replies.");
}
