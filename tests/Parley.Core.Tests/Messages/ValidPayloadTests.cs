using System.Text.Json;
using Parley.Core.Messages;
using static Parley.Core.Tests.Messages.ParserHarness;

namespace Parley.Core.Tests.Messages;

public class ValidPayloadTests
{
    [Theory]
    [MemberData(nameof(Samples.SendNames), MemberType = typeof(Samples))]
    public void EveryMessageTypeAndInteractiveSubTypeIsAccepted(string sample) => Samples.Sends[sample].ShouldSend();

    [Theory]
    [MemberData(nameof(Samples.SendNames), MemberType = typeof(Samples))]
    public void PayloadIsTheBodyAsSentWithToNormalized(string sample)
    {
        var json = Samples.Sends[sample];
        var request = json.ShouldSend();

        var expected = JsonDocument.Parse(json).RootElement;
        request.Payload["to"]!.GetValue<string>().ShouldBe(request.To);
        request.Payload["type"]!.GetValue<string>().ShouldBe(request.Type);
        request.Payload["recipient_type"]!.GetValue<string>().ShouldBe(request.RecipientType);
        request.Input.ShouldBe(expected.GetProperty("to").GetString());
        foreach (var property in expected.EnumerateObject().Where(p => p.Name is not ("to" or "type" or "recipient_type")))
        {
            request.Payload[property.Name]!.ToJsonString().ShouldBe(JsonSerializer.Serialize(property.Value));
        }
    }

    [Fact]
    public void MissingTypeAndRecipientTypeDefaultToTextAndIndividual()
    {
        var request = Samples.TextWithDefaults.ShouldSend();

        request.Type.ShouldBe("text");
        request.RecipientType.ShouldBe("individual");
        request.To.ShouldBe("16505551234");
        request.Input.ShouldBe("16505551234");
        request.Payload.ToJsonString().ShouldBe(
            """{"messaging_product":"whatsapp","to":"16505551234","text":{"body":"Please visit https://youtu.be/hpltvTEiRrY.","preview_url":true},"recipient_type":"individual","type":"text"}""");
    }

    [Fact]
    public void FormattedRecipientIsNormalizedAndEchoedAsInput()
    {
        var request = Samples.Text.With("to", "\"+1 (650) 555-1234\"").ShouldSend();

        request.To.ShouldBe("16505551234");
        request.Input.ShouldBe("+1 (650) 555-1234");
        request.Payload["to"]!.GetValue<string>().ShouldBe("16505551234");
    }

    [Fact]
    public void ReplyExposesContextAndCallbackData()
    {
        var request = Samples.TextReply.ShouldSend();

        request.ContextMessageId.ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA");
        request.BizOpaqueCallbackData.ShouldBe("campaign-42");
        request.ReactionMessageId.ShouldBeNull();
    }

    [Fact]
    public void ReactionExposesTheMessageReactedTo() =>
        Samples.Reaction.ShouldSend().ReactionMessageId.ShouldBe("wamid.HBgLM...");

    [Fact]
    public void GroupSendKeepsTheGroupIdAsRecipient()
    {
        var request = Samples.GroupText.ShouldSend();

        request.RecipientType.ShouldBe("group");
        request.To.ShouldBe("Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjMzOTQzMTYzMTgxMjMw");
    }

    [Fact]
    public void PayloadOutlivesTheParsedDocument()
    {
        SendMessageRequest request;
        using (var document = JsonDocument.Parse(Samples.Text))
        {
            request = (SendMessageRequest)MessageRequestParser.Parse(document.RootElement, Sender).Value!;
        }
        request.Payload["text"]!["body"]!.GetValue<string>().ShouldBe("Hello");
    }

    [Fact]
    public void NullOptionalFieldsAreTreatedAsAbsent() =>
        Samples.ImageById.With("image.caption", "null").With("context", "null").With("recipient_type", "null").ShouldSend()
            .RecipientType.ShouldBe("individual");
}
