namespace Parley.Core.Tests.Messages;

/// <summary>A user is addressed by phone number in <c>to</c> or by BSUID in <c>recipient</c>; <c>to</c> wins when both are given.</summary>
public sealed class RecipientTests
{
    private const string Bsuid = "US.13491208655302741918";

    [Fact]
    public void ASendByRecipientGoesToTheBsuidAndKeepsRecipientInThePayload()
    {
        var send = $$$"""{"messaging_product":"whatsapp","recipient":"{{{Bsuid}}}","type":"text","text":{"body":"hi"}}""".ShouldSend();

        send.To.ShouldBe(Bsuid);
        send.Input.ShouldBe(Bsuid);
        send.RecipientType.ShouldBe("individual");
        send.Payload["recipient"]!.GetValue<string>().ShouldBe(Bsuid);
        send.Payload.ContainsKey("to").ShouldBeFalse();
    }

    [Fact]
    public void WithBothToTakesPrecedence()
    {
        var send = $$$"""{"messaging_product":"whatsapp","to":"+16505551234","recipient":"{{{Bsuid}}}","type":"text","text":{"body":"hi"}}""".ShouldSend();

        send.To.ShouldBe("16505551234");
        send.Payload["to"]!.GetValue<string>().ShouldBe("16505551234");
    }

    [Fact]
    public void AParentBsuidIsARecipientToo() =>
        """{"messaging_product":"whatsapp","recipient":"US.ENT.11815799212886844830","type":"text","text":{"body":"hi"}}""".ShouldSend().To
            .ShouldBe("US.ENT.11815799212886844830");

    [Fact]
    public void ABsuidInToIsRefusedWith131009() =>
        $$$"""{"messaging_product":"whatsapp","to":"{{{Bsuid}}}","type":"text","text":{"body":"hi"}}"""
            .ShouldFailWith(131009, "Param to must be a phone number. To send to a business-scoped user ID, put it in recipient instead of to.");

    [Theory]
    [InlineData("16505551234")]
    [InlineData("US-1349")]
    [InlineData("usa.1349")]
    public void ARecipientThatIsNotABsuidIsRefusedWith131009(string recipient) =>
        $$$"""{"messaging_product":"whatsapp","recipient":"{{{recipient}}}","type":"text","text":{"body":"hi"}}"""
            .ShouldFailWith(131009, "Param recipient must be a business-scoped user ID (e.g. US.13491208655302741918) or a parent BSUID.");

    [Fact]
    public void NeitherToNorRecipientIsMissingTo() =>
        """{"messaging_product":"whatsapp","type":"text","text":{"body":"hi"}}""".ShouldFailWith(131008);

    [Fact]
    public void ARecipientThatIsNotAStringIsRefusedWith100() =>
        """{"messaging_product":"whatsapp","recipient":42,"type":"text","text":{"body":"hi"}}""".ShouldFailWith(100);
}
