using System.Text.Json;
using Parley.Core.Templates;

namespace Parley.Core.Tests.Templates;

/// <summary>One case per creation rule (digest §5.1): Meta's code 100 and, where Meta has one, its subcode.</summary>
public class TemplateCreationRulesTests
{
    private const string Body = """{"type":"BODY","text":"Your order is ready."}""";
    private const string Otp = """{"type":"BUTTONS","buttons":[{"type":"OTP","otp_type":"COPY_CODE"}]}""";
    private const string Card = """{"components":[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["h"]}},{"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Pick"}]}]}""";
    private const string ProductCard = """{"components":[{"type":"HEADER","format":"PRODUCT"},{"type":"BUTTONS","buttons":[{"type":"SPM","text":"View"}]}]}""";
    private const string ProductCardWithBody = """{"components":[{"type":"HEADER","format":"PRODUCT"},{"type":"BODY","text":"Card"},{"type":"BUTTONS","buttons":[{"type":"SPM","text":"View"}]}]}""";
    private const string ProductCardTwoButtons = """{"components":[{"type":"HEADER","format":"PRODUCT"},{"type":"BUTTONS","buttons":[{"type":"SPM","text":"View"},{"type":"QUICK_REPLY","text":"Later"}]}]}""";
    private const string CardWithBody = """{"components":[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["h"]}},{"type":"BODY","text":"Card"},{"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Pick"}]}]}""";

    private static string Request(string components, string category = "UTILITY", string name = "order_ready", string language = "en_US", string format = "POSITIONAL") =>
        $$$"""{"name":"{{{name}}}","language":"{{{language}}}","category":"{{{category}}}","parameter_format":"{{{format}}}","components":[{{{components}}}]}""";

    private static string Buttons(string buttons) => Body + """,{"type":"BUTTONS","buttons":[""" + buttons + "]}";

    private static readonly string LongName = new('a', 513);

    public static TheoryData<string, string, int?> Invalid => new()
    {
        { "name missing", """{"language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"x"}]}""", null },
        { "name with capitals", Request(Body, name: "Order_Ready"), null },
        { "name with a space", Request(Body, name: "order ready"), null },
        { "name over 512", Request(Body, name: LongName), 2388040 },
        { "category unknown", Request(Body, category: "SERVICE"), null },
        { "language not in the list", Request(Body, language: "en_XX"), null },
        { "parameter_format unknown", Request(Body, format: "MIXED"), null },
        { "components missing", """{"name":"x","language":"en","category":"UTILITY"}""", null },
        { "components empty", Request(""), null },
        { "no body", Request("""{"type":"FOOTER","text":"f"}"""), null },
        { "component type unknown", Request(Body + """,{"type":"SIDEBAR"}"""), null },
        { "two bodies", Request(Body + "," + Body), null },
        { "header format unknown", Request("""{"type":"HEADER","format":"GIF"},""" + Body), 2388047 },
        { "header text over 60", Request($$$"""{"type":"HEADER","format":"TEXT","text":"{{{new string('h', 61)}}}"},""" + Body), 2388040 },
        { "header text with two variables", Request("""{"type":"HEADER","format":"TEXT","text":"{{1}} {{2}}","example":{"header_text":["a","b"]}},""" + Body), 2388047 },
        { "header variable without example", Request("""{"type":"HEADER","format":"TEXT","text":"Order {{1}}"},""" + Body), 2388047 },
        { "image header without handle", Request("""{"type":"HEADER","format":"IMAGE"},""" + Body), 2388047 },
        { "body over 1024", Request($$$"""{"type":"BODY","text":"{{{new string('b', 1025)}}}"}"""), 2388040 },
        { "body variables not from 1", Request("""{"type":"BODY","text":"Hi {{2}} there","example":{"body_text":[["a"]]}}"""), 2388072 },
        { "body variables with a gap", Request("""{"type":"BODY","text":"Hi {{1}} and {{3}} there","example":{"body_text":[["a","b"]]}}"""), 2388072 },
        { "body named variable in a positional template", Request("""{"type":"BODY","text":"Hi {{name}} there","example":{"body_text":[["a"]]}}"""), 2388072 },
        { "body variables without examples", Request("""{"type":"BODY","text":"Hi {{1}} there"}"""), 2388072 },
        { "body examples of the wrong count", Request("""{"type":"BODY","text":"Hi {{1}} and {{2}} there","example":{"body_text":[["a"]]}}"""), 2388072 },
        { "body starting with a variable", Request("""{"type":"BODY","text":"{{1}} is here","example":{"body_text":[["a"]]}}"""), 2388299 },
        { "named body without named examples", Request("""{"type":"BODY","text":"Hi {{first_name}} there","example":{"body_text":[["a"]]}}""", format: "NAMED"), 2388072 },
        { "named template with numbered variables", Request("""{"type":"BODY","text":"Hi {{1}} there","example":{"body_text_named_params":[{"param_name":"1","example":"a"}]}}""", format: "NAMED"), 2388072 },
        { "footer over 60", Request(Body + $$$""",{"type":"FOOTER","text":"{{{new string('f', 61)}}}"}"""), 2388040 },
        { "footer with a variable", Request(Body + """,{"type":"FOOTER","text":"Bye {{1}}"}"""), 2388073 },
        { "no buttons", Request(Buttons("")), null },
        { "eleven buttons", Request(Buttons(string.Join(",", Enumerable.Repeat("""{"type":"QUICK_REPLY","text":"Q"}""", 11)))), null },
        { "button type unknown", Request(Buttons("""{"type":"LINK","text":"x"}""")), null },
        { "button text over 25", Request(Buttons($$$"""{"type":"QUICK_REPLY","text":"{{{new string('q', 26)}}}"}""")), 2388040 },
        { "quick reply without text", Request(Buttons("""{"type":"QUICK_REPLY"}""")), null },
        { "three URL buttons", Request(Buttons(string.Join(",", Enumerable.Repeat("""{"type":"URL","text":"Go","url":"https://a.example"}""", 3)))), null },
        { "two phone buttons", Request(Buttons("""{"type":"PHONE_NUMBER","text":"Call","phone_number":"15550001"},{"type":"PHONE_NUMBER","text":"Call 2","phone_number":"15550002"}""")), null },
        { "phone button without number", Request(Buttons("""{"type":"PHONE_NUMBER","text":"Call"}""")), null },
        { "URL not http", Request(Buttons("""{"type":"URL","text":"Go","url":"ftp://a.example"}""")), null },
        { "URL variable in the middle", Request(Buttons("""{"type":"URL","text":"Go","url":"https://a.example/{{1}}/x","example":["https://a.example/1/x"]}""")), null },
        { "URL variable without example", Request(Buttons("""{"type":"URL","text":"Go","url":"https://a.example/{{1}}"}""")), null },
        { "quick replies interleaved", Request(Buttons("""{"type":"QUICK_REPLY","text":"A"},{"type":"URL","text":"Go","url":"https://a.example"},{"type":"QUICK_REPLY","text":"B"}""")), null },
        { "copy code without example", Request(Buttons("""{"type":"COPY_CODE"}""")), null },
        { "copy code example over 15", Request(Buttons("""{"type":"COPY_CODE","example":"ABCDEFGHIJKLMNOP"}""")), null },
        { "flow without a flow", Request(Buttons("""{"type":"FLOW","text":"Open"}""")), null },
        { "two catalog buttons", Request(Buttons("""{"type":"CATALOG","text":"View"},{"type":"CATALOG","text":"View 2"}"""), "MARKETING"), null },
        { "OTP outside authentication", Request(Buttons("""{"type":"OTP","otp_type":"COPY_CODE"}""")), null },
        { "authentication body with text", Request("""{"type":"BODY","text":"Your code"},""" + Otp, "AUTHENTICATION"), 2388072 },
        { "authentication footer expiry 91", Request("""{"type":"BODY","add_security_recommendation":true},{"type":"FOOTER","code_expiration_minutes":91},""" + Otp, "AUTHENTICATION"), 2388073 },
        { "authentication without OTP button", Request("""{"type":"BODY"}""", "AUTHENTICATION"), null },
        { "authentication with a header", Request("""{"type":"HEADER","format":"TEXT","text":"Code"},{"type":"BODY"},""" + Otp, "AUTHENTICATION"), null },
        { "one-tap OTP without app", Request("""{"type":"BODY"},{"type":"BUTTONS","buttons":[{"type":"OTP","otp_type":"ONE_TAP"}]}""", "AUTHENTICATION"), null },
        { "carousel with one card", Request(Body + """,{"type":"CAROUSEL","cards":[""" + Card + "]}", "MARKETING"), null },
        { "carousel with eleven cards", Request(Body + """,{"type":"CAROUSEL","cards":[""" + string.Join(",", Enumerable.Repeat(Card, 11)) + "]}", "MARKETING"), null },
        { "carousel cards of different shapes", Request(Body + """,{"type":"CAROUSEL","cards":[""" + Card + "," + CardWithBody + "]}", "MARKETING"), null },
        { "carousel card with a text header", Request(Body + """,{"type":"CAROUSEL","cards":[{"components":[{"type":"HEADER","format":"TEXT","text":"t"},{"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Pick"}]}]},""" + Card + "]}", "MARKETING"), 2388047 },
        { "product card with a body", Request(Body + """,{"type":"CAROUSEL","cards":[""" + ProductCardWithBody + "," + ProductCardWithBody + "]}", "MARKETING"), null },
        { "product card with two buttons", Request(Body + """,{"type":"CAROUSEL","cards":[""" + ProductCardTwoButtons + "," + ProductCardTwoButtons + "]}", "MARKETING"), null },
        { "carousel with a footer", Request(Body + """,{"type":"FOOTER","text":"f"},{"type":"CAROUSEL","cards":[""" + Card + "," + Card + "]}", "MARKETING"), null },
        { "limited-time offer in a utility template", Request("""{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Hurry","has_expiration":true}},""" + Body), null },
        { "limited-time offer text over 16", Request("""{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Hurry up, it ends soon","has_expiration":true}},""" + Body, "MARKETING"), 2388040 },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidTemplateFailsWithMetasCodeAndSubcode(string rule, string json, int? subcode)
    {
        using var document = JsonDocument.Parse(json);

        var outcome = TemplateCreationRules.Validate(document.RootElement);

        outcome.Succeeded.ShouldBeFalse(rule);
        outcome.Error!.Code.ShouldBe(100, rule);
        outcome.Error.Subcode.ShouldBe(subcode, $"{rule}: {outcome.Error.Details}");
    }

    public static TheoryData<string, string> Valid => new()
    {
        { "body only", Request(Body) },
        { "text header with example, body with examples, footer", Request("""{"type":"HEADER","format":"TEXT","text":"Order {{1}}","example":{"header_text":["42"]}},{"type":"BODY","text":"Hi {{1}}, order {{2}} shipped.","example":{"body_text":[["Ana","42"]]}},{"type":"FOOTER","text":"Thanks"}""") },
        { "named variables", Request("""{"type":"BODY","text":"Hi {{first_name}}, welcome.","example":{"body_text_named_params":[{"param_name":"first_name","example":"Ana"}]}}""", format: "NAMED") },
        { "media and location headers", Request("""{"type":"HEADER","format":"VIDEO","example":{"header_handle":["h"]}},""" + Body) },
        { "every button kind", Request(Buttons("""{"type":"QUICK_REPLY","text":"A"},{"type":"QUICK_REPLY","text":"B"},{"type":"URL","text":"Go","url":"https://a.example/{{1}}","example":["https://a.example/1"]},{"type":"PHONE_NUMBER","text":"Call","phone_number":"+15550001"},{"type":"COPY_CODE","example":"SAVE10"},{"type":"FLOW","text":"Open","flow_id":"123"}"""), "MARKETING") },
        { "authentication with one-tap", Request("""{"type":"BODY","add_security_recommendation":true},{"type":"FOOTER","code_expiration_minutes":10},{"type":"BUTTONS","buttons":[{"type":"OTP","otp_type":"ONE_TAP","text":"Copy","autofill_text":"Autofill","package_name":"com.example.app","signature_hash":"K8a/AINcGX7"}]}""", "AUTHENTICATION") },
        { "carousel", Request(Body + """,{"type":"CAROUSEL","cards":[""" + CardWithBody + "," + CardWithBody + "]}", "MARKETING") },
        { "product card carousel", Request(Body + """,{"type":"CAROUSEL","cards":[""" + ProductCard + "," + ProductCard + "]}", "MARKETING") },
        { "limited-time offer", Request("""{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Hurry","has_expiration":true}},""" + Body, "MARKETING") },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void ValidTemplateIsAccepted(string kind, string json)
    {
        using var document = JsonDocument.Parse(json);

        var outcome = TemplateCreationRules.Validate(document.RootElement);

        outcome.Error.ShouldBeNull(kind);
        outcome.Value!.Name.ShouldBe("order_ready");
    }

    [Fact]
    public void DuplicateIs100Subcode2388024AndTheLimitIs100Subcode2388019()
    {
        TemplateCreationRules.Duplicate("a", "en").ShouldSatisfyAllConditions(e => e.Code.ShouldBe(100), e => e.Subcode.ShouldBe(2388024));
        TemplateCreationRules.LimitReached(250).ShouldSatisfyAllConditions(e => e.Code.ShouldBe(100), e => e.Subcode.ShouldBe(2388019));
    }
}
