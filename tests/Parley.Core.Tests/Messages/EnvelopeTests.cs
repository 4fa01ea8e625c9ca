using System.Text;
using System.Text.Json;
using Parley.Core.Messages;
using static Parley.Core.Tests.Messages.ParserHarness;

namespace Parley.Core.Tests.Messages;

public class EnvelopeTests
{
    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("true")]
    public void BodyThatIsNotAnObjectFailsWithCode100(string body) =>
        body.ShouldFailWith(100, "The request body must be a JSON object.");

    [Fact]
    public void UndefinedJsonElementFailsWithCode100() =>
        MessageRequestParser.Parse(default, Sender).Error!.Code.ShouldBe(100);

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("\"\"")]
    public void MissingMessagingProductFailsWithCode100(string? value) =>
        Samples.Text.With("messaging_product", value).ShouldFailWith(100, "The parameter messaging_product is required.");

    [Fact]
    public void MessagingProductOtherThanWhatsAppFailsWithCode100() =>
        Samples.Text.With("messaging_product", "\"sms\"").ShouldFailWith(100, "Param messaging_product must be \"whatsapp\".");

    [Fact]
    public void MessagingProductOfWrongJsonTypeFailsWithCode100() =>
        Samples.Text.With("messaging_product", "1").ShouldFailWith(100, "Param messaging_product must be a string.");

    [Fact]
    public void UnknownTopLevelKeyFailsWithCode100() =>
        Samples.Text.With("foo", "1").ShouldFailWith(100, "Unexpected key \"foo\" on param \"message\".");

    [Fact]
    public void ContentObjectOfAnotherTypeFailsWithCode100() =>
        Samples.Text.With("image", """{"id":"1"}""").ShouldFailWith(100, "Unexpected key \"image\" on param \"message\".");

    [Theory]
    [InlineData("\"foo\"")]
    [InlineData("\"TEXT\"")]
    [InlineData("\"unsupported\"")]
    public void UnknownMessageTypeFailsWithCode131051(string type) =>
        Samples.Text.With("type", type).ShouldFailWith(131051);

    [Fact]
    public void MessageTypeOfWrongJsonTypeFailsWithCode100() =>
        Samples.Text.With("type", "5").ShouldFailWith(100, "Param type must be a string.");

    [Theory]
    [InlineData("image")]
    [InlineData("interactive")]
    [InlineData("template")]
    public void TypeWithoutItsObjectFailsWithCode131008(string type) =>
        Samples.Text.Without("text").With("type", $"\"{type}\"").ShouldFailWith(131008, $"The parameter {type} is required.");

    [Theory]
    [InlineData(null, 131008)]
    [InlineData("\"\"", 131008)]
    [InlineData("16505551234", 100)]
    [InlineData("\"not a number\"", 131009)]
    [InlineData("\"+1 650\"", 131009)]
    [InlineData("\"0049 151 2345 6789\"", 100)]
    [InlineData("\"+1234567890123456\"", 131009)]
    public void InvalidRecipientFails(string? to, int code) => Samples.Text.With("to", to).ShouldFailWith(code);

    [Fact]
    public void MissingRecipientNamesTheParameter() =>
        Samples.Text.Without("to").ShouldFailWith(131008, "The parameter to is required.");

    [Theory]
    [InlineData("+15550001234")]
    [InlineData("+1 (555) 000-1234")]
    [InlineData("15550001234")]
    [InlineData("(555) 000-1234")]
    public void SendingToTheChannelsOwnNumberFailsWithCode131021(string to) =>
        Samples.Text.With("to", $"\"{to}\"").ShouldFailWith(131021);

    [Fact]
    public void RecipientWithoutPlusGetsTheChannelCountryCode()
    {
        var india = new SenderContext("919000000000", "91");
        var outcome = Parse(Samples.Text.With("to", "\"(631) 555-1234\""), india);

        outcome.Value.ShouldBeOfType<SendMessageRequest>().To.ShouldBe("916315551234");
    }

    [Fact]
    public void UnknownRecipientTypeFailsWithCode131009() =>
        Samples.Text.With("recipient_type", "\"business\"").ShouldFailWith(131009,
            "Invalid value \"business\" for param recipient_type. Allowed values: individual, group.");

    [Theory]
    [InlineData("\"group id with spaces\"", 131009)]
    [InlineData("\"group@g.us\"", 131009)]
    [InlineData("\"\"", 131008)]
    public void InvalidGroupIdFails(string to, int code) => Samples.GroupText.With("to", to).ShouldFailWith(code);

    [Fact]
    public void GroupIdOver128CharactersFailsWithCode100() =>
        Samples.GroupText.With("to", Str(129)).ShouldFailWith(100, "Param to must be at most 128 characters long.");

    [Fact]
    public void GroupIdOf128CharactersIsAccepted() => Samples.GroupText.With("to", Str(128)).ShouldSend();

    [Theory]
    [InlineData("context.message_id", null, 131008)]
    [InlineData("context.message_id", "\"\"", 131008)]
    [InlineData("context.message_id", "7", 100)]
    [InlineData("context.from", "\"x\"", 100)]
    [InlineData("context", "\"wamid.1\"", 100)]
    public void InvalidReplyContextFails(string path, string? value, int code) =>
        Samples.TextReply.With(path, value).ShouldFailWith(code);

    [Fact]
    public void ReplyContextWithoutMessageIdNamesTheParameter() =>
        Samples.TextReply.Without("context.message_id").ShouldFailWith(131008, "The parameter context['message_id'] is required.");

    [Fact]
    public void ContextMessageIdOver128CharactersFailsWithCode100() =>
        Samples.TextReply.With("context.message_id", Str(129)).ShouldFailWith(100);

    [Fact]
    public void CallbackDataOf512CharactersIsAccepted() =>
        Samples.Text.With("biz_opaque_callback_data", Str(512)).ShouldSend().BizOpaqueCallbackData!.Length.ShouldBe(512);

    [Fact]
    public void CallbackDataOver512CharactersFailsWithCode100() =>
        Samples.Text.With("biz_opaque_callback_data", Str(513))
            .ShouldFailWith(100, "Param biz_opaque_callback_data must be at most 512 characters long.");

    [Fact]
    public void CallbackDataOfWrongJsonTypeFailsWithCode100() =>
        Samples.Text.With("biz_opaque_callback_data", "{}").ShouldFailWith(100, "Param biz_opaque_callback_data must be a string.");

    [Fact]
    public void DuplicateKeyFailsWithCode100() =>
        """{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"a","body":"b"}}"""
            .ShouldFailWith(100, "Duplicate key \"body\" on param \"text\".");

    [Fact]
    public void InvalidUtf16EscapeFailsWithCode100() =>
        """{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"\uD800"}}"""
            .ShouldFailWith(100, "Param text['body'] is not valid UTF-16 text.");

    [Fact]
    public void InvalidUtf16KeyFailsWithCode100() =>
        """{"messaging_product":"whatsapp","to":"+16505551234","text":{"\uDC00":"b"}}""".ShouldFailWith(100);

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 }, "invalid continuation byte")]
    [InlineData(new byte[] { 0xC0, 0xAF }, "overlong encoding of '/'")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "an encoded surrogate")]
    public void InvalidUtf8InsideAStringFailsWithCode100(byte[] invalid, string what)
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"messaging_product\":\"whatsapp\",\"to\":\"+16505551234\",\"text\":{\"body\":\"a"), .. invalid, .. "\"}}"u8];
        using var document = JsonDocument.Parse(body);
        var outcome = MessageRequestParser.Parse(document.RootElement, Sender);
        outcome.Succeeded.ShouldBeFalse(what);
        outcome.Error.Code.ShouldBe(100);
        outcome.Error.Details.ShouldBe("Param text['body'] is not valid UTF-16 text.");
    }

    [Fact]
    public void BodyNestedDeeperThan64LevelsFailsWithCode100()
    {
        var deep = new string('[', 64) + new string(']', 64);
        Samples.Text.With("text.body", deep).ShouldFailWith(100);
    }

    [Fact]
    public void ValueNestedExactlyAtTheDepthLimitIsBuiltIntoThePayload()
    {
        // The message object is level 1; interactive, action, parameters, flow_action_payload, data are 2–6.
        var nested = new string('[', 58) + new string(']', 58);
        var json = Samples.FlowById.With("interactive.action.parameters.flow_action_payload.data.deep", nested);

        json.ShouldSend().Payload.ToJsonString().ShouldContain(new string('[', 58));
    }
}
