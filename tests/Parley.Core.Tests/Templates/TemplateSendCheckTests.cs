using System.Text.Json;
using Parley.Core.Templates;

namespace Parley.Core.Tests.Templates;

/// <summary>The send-time checks against a stored template (digest §1.6, §2.2), one case per rule, and the renderer.</summary>
public class TemplateSendCheckTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    private const string Components = """
        [{"type":"HEADER","format":"IMAGE","example":{"header_handle":["h"]}},
         {"type":"BODY","text":"Hi {{1}}, your total is {{2}}.","example":{"body_text":[["Ana","$1"]]}},
         {"type":"FOOTER","text":"Thanks"},
         {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Yes"},{"type":"URL","text":"Open","url":"https://a.example/{{1}}","example":["https://a.example/1"]},{"type":"PHONE_NUMBER","text":"Call","phone_number":"15550001"}]}]
        """;

    private const string Header = """{"type":"header","parameters":[{"type":"image","image":{"link":"https://a.example/i.png"}}]}""";
    private const string Body = """{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"currency","currency":{"fallback_value":"$10.99","code":"USD","amount_1000":10990}}]}""";
    private const string Url = """{"type":"button","sub_type":"url","index":1,"parameters":[{"type":"text","text":"order/7"}]}""";
    private const string Reply = """{"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"YES-7"}]}""";

    private static MessageTemplate Template(string status = TemplateStatuses.Approved, string components = Components) =>
        new("1750000000000001", "waba", "receipt", "en_US", TemplateCategories.Utility, null, TemplateParameterFormats.Positional, status,
            TemplateRejectionReasons.None, components, T0, T0);

    private static JsonElement Message(params string[] components) =>
        JsonDocument.Parse($$$"""{"name":"receipt","language":{"code":"en_US"},"components":[{{{string.Join(",", components)}}}]}""").RootElement;

    public static TheoryData<string, string, string[], int> Refused => new()
    {
        { "pending", TemplateStatuses.Pending, [Header, Body, Url], 132001 },
        { "rejected", TemplateStatuses.Rejected, [Header, Body, Url], 132001 },
        { "paused", TemplateStatuses.Paused, [Header, Body, Url], 132015 },
        { "disabled", TemplateStatuses.Disabled, [Header, Body, Url], 132016 },
        { "body parameter missing", TemplateStatuses.Approved, [Header, """{"type":"body","parameters":[{"type":"text","text":"Ana"}]}""", Url], 132000 },
        { "header missing", TemplateStatuses.Approved, [Body, Url], 132000 },
        { "header of the wrong media", TemplateStatuses.Approved, [Header.Replace("image", "video", StringComparison.Ordinal), Body, Url], 132012 },
        { "header text for an image header", TemplateStatuses.Approved, ["""{"type":"header","parameters":[{"type":"text","text":"x"}]}""", Body, Url], 132012 },
        { "URL button parameter missing", TemplateStatuses.Approved, [Header, Body], 132000 },
        { "button index beyond the buttons", TemplateStatuses.Approved, [Header, Body, Url, Reply.Replace("\"0\"", "\"3\"", StringComparison.Ordinal)], 132000 },
        { "button given twice", TemplateStatuses.Approved, [Header, Body, Url, Url], 132000 },
        { "sub_type not the button's", TemplateStatuses.Approved, [Header, Body, Url, Reply.Replace("quick_reply", "copy_code", StringComparison.Ordinal)], 132012 },
        { "phone button addressed", TemplateStatuses.Approved, [Header, Body, Url, """{"type":"button","sub_type":"voice_call","index":2,"parameters":[{"type":"payload","payload":"x"}]}"""], 132012 },
        { "quick reply with text parameter", TemplateStatuses.Approved, [Header, Body, Url, """{"type":"button","sub_type":"quick_reply","index":0,"parameters":[{"type":"text","text":"x"}]}"""], 132012 },
        { "carousel the template lacks", TemplateStatuses.Approved, [Header, Body, Url, """{"type":"carousel","cards":[]}"""], 132000 },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void MessageThatDoesNotFitItsTemplateIsRefused(string rule, string status, string[] components, int code) =>
        TemplateSendCheck.Check(Template(status), Message(components)).ShouldNotBeNull(rule).Code.ShouldBe(code, rule);

    [Fact]
    public void MissingTemplateIs132001WithMetasWording() =>
        TemplateSendCheck.Check(null, Message()).ShouldNotBeNull().Details.ShouldBe("template name (receipt) does not exist in en_US");

    [Fact]
    public void FittingMessageIsRenderedWithItsParameters()
    {
        var message = Message(Header, Body, Url, Reply);
        TemplateSendCheck.Check(Template(), message).ShouldBeNull();

        var rendered = TemplateRenderer.Render(Template(), message);

        rendered.HeaderFormat.ShouldBe("IMAGE");
        rendered.Body.ShouldBe("Hi Ana, your total is $10.99.");
        rendered.Footer.ShouldBe("Thanks");
        rendered.Buttons.Select(b => (b.Type, b.Text, b.Payload, b.Url)).ShouldBe(
        [
            ("QUICK_REPLY", "Yes", "YES-7", null),
            ("URL", "Open", null, "https://a.example/order/7"),
            ("PHONE_NUMBER", "Call", null, null),
        ]);
        rendered.Text.ShouldBe("Hi Ana, your total is $10.99.\n\nThanks\n[Yes]\n[Open]\n[Call]");
    }

    [Fact]
    public void AuthenticationTemplatesRenderMetasFixedTexts()
    {
        var template = Template(components: """[{"type":"BODY","add_security_recommendation":true},{"type":"FOOTER","code_expiration_minutes":5},{"type":"BUTTONS","buttons":[{"type":"OTP","otp_type":"COPY_CODE"}]}]""")
            with { Category = TemplateCategories.Authentication };
        var message = Message("""{"type":"body","parameters":[{"type":"text","text":"123456"}]}""", """{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"123456"}]}""");

        TemplateSendCheck.Check(template, message).ShouldBeNull();
        TemplateSendCheck.Check(template, Message("""{"type":"body","parameters":[{"type":"text","text":"123456"}]}""")).ShouldNotBeNull().Code.ShouldBe(132000);
        var rendered = TemplateRenderer.Render(template, message);
        rendered.Body.ShouldBe("123456 is your verification code. For your security, do not share this code.");
        rendered.Footer.ShouldBe("This code expires in 5 minutes.");
    }

    [Theory]
    [InlineData("order_ready", "UTILITY", "Your order is ready.", "APPROVED", "NONE")]
    [InlineData("order_ready", "UTILITY", "Flash sale: 50% off today!", "REJECTED", "INCORRECT_CATEGORY")]
    [InlineData("order_ready", "MARKETING", "Flash sale: 50% off today!", "APPROVED", "NONE")]
    [InlineData("promotional_x", "MARKETING", "Hello", "REJECTED", "PROMOTIONAL")]
    [InlineData("invalid_format_x", "UTILITY", "Hello", "REJECTED", "INVALID_FORMAT")]
    [InlineData("order_ready", "UTILITY", "Claim your jackpot now", "REJECTED", "SCAM")]
    [InlineData("order_ready", "UTILITY", "Stop the violence", "REJECTED", "ABUSIVE_CONTENT")]
    public void TheSandboxReviewDecidesByItsDocumentedRules(string name, string category, string text, string status, string reason)
    {
        var template = Template(TemplateStatuses.Pending, $$$"""[{"type":"BODY","text":"{{{text}}}"}]""") with { Name = name, Category = category };

        TemplateReview.Decide(template).ShouldBe(new ReviewDecision(status, reason));
    }

    [Fact]
    public void ApprovedTemplatesAreEditedOnceADayTenTimesAMonthWithoutChangingCategory()
    {
        using var edit = JsonDocument.Parse("""{"components":[{"type":"BODY","text":"New"}]}""");
        using var recategorize = JsonDocument.Parse("""{"category":"MARKETING"}""");
        var approved = Template(components: """[{"type":"BODY","text":"Old"}]""");

        TemplateEditRules.Apply(approved, recategorize.RootElement, T0).Error.ShouldNotBeNull().Code.ShouldBe(100);
        TemplateEditRules.Apply(approved with { Status = TemplateStatuses.Pending }, edit.RootElement, T0).Error.ShouldNotBeNull();
        var once = TemplateEditRules.Apply(approved, edit.RootElement, T0).Value.ShouldNotBeNull();
        once.Status.ShouldBe(TemplateStatuses.Pending);
        once.EditCount.ShouldBe(1);
        var reapproved = once with { Status = TemplateStatuses.Approved };
        TemplateEditRules.Apply(reapproved, edit.RootElement, T0.AddHours(23)).Error.ShouldNotBeNull();
        TemplateEditRules.Apply(reapproved with { EditCount = 10 }, edit.RootElement, T0.AddDays(2)).Error.ShouldNotBeNull();
        TemplateEditRules.Apply(reapproved with { EditCount = 10 }, edit.RootElement, T0.AddDays(31)).Value.ShouldNotBeNull().EditCount.ShouldBe(1);
        TemplateEditRules.Apply(approved with { Status = TemplateStatuses.Rejected }, recategorize.RootElement, T0).Value.ShouldNotBeNull().Category.ShouldBe("MARKETING");
    }
}
