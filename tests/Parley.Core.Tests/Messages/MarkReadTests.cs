using Parley.Core.Messages;
using static Parley.Core.Tests.Messages.ParserHarness;

namespace Parley.Core.Tests.Messages;

public class MarkReadTests
{
    [Fact]
    public void ReadReceiptWithTypingIndicatorIsAccepted()
    {
        var request = Parse(Samples.MarkReadWithTyping).Value.ShouldBeOfType<MarkReadRequest>();

        request.MessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=");
        request.ShowTypingIndicator.ShouldBeTrue();
    }

    [Fact]
    public void ReadReceiptWithoutTypingIndicatorIsAccepted() =>
        Parse(Samples.MarkRead).Value.ShouldBeOfType<MarkReadRequest>().ShowTypingIndicator.ShouldBeFalse();

    [Theory]
    [InlineData("status", "\"delivered\"", 131009)]
    [InlineData("status", "1", 100)]
    [InlineData("message_id", null, 131008)]
    [InlineData("message_id", "\"\"", 131008)]
    [InlineData("message_id", "42", 100)]
    [InlineData("typing_indicator.type", "\"audio\"", 131009)]
    [InlineData("typing_indicator.type", null, 131008)]
    [InlineData("typing_indicator", "\"text\"", 100)]
    [InlineData("typing_indicator.extra", "1", 100)]
    [InlineData("to", "\"+16505551234\"", 100)]
    [InlineData("messaging_product", null, 100)]
    public void InvalidReadReceiptFails(string path, string? value, int code) =>
        Samples.MarkReadWithTyping.With(path, value).ShouldFailWith(code);

    [Fact]
    public void MessageIdOver128CharactersFailsWithCode100() =>
        Samples.MarkRead.With("message_id", Str(129)).ShouldFailWith(100, "Param message_id must be at most 128 characters long.");
}
