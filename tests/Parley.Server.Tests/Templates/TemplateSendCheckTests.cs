using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.CloudApiDialect;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Templates;

/// <summary>
/// Sending a template message is checked against the stored template, synchronously, with Meta's codes: 132001 (no
/// approved template of that name and language), 132015 (paused), 132016 (disabled), 132000 (parameter count, buttons
/// that do not exist), 132012 (parameter format, button sub-type). Nothing is stored for a refused message.
/// </summary>
public sealed class TemplateSendCheckTests() : ParleyTest(new Dictionary<string, string?> { ["Parley:Sandbox:TemplateReviewDelayMs"] = "600000" })
{
    private const string To = "16505557000";

    private static JsonObject Components(JsonObject message) => message["template"]!.AsObject();

    private async Task<JsonObject> ShouldRefuseAsync(JsonObject message, HttpStatusCode status, int code)
    {
        var (actual, body) = await CloudApi.SendRawAsync(Client, message.ToJsonString());
        actual.ShouldBe(status, body.ToJsonString());
        body.Code().ShouldBe(code, body.ToJsonString());
        body.ShouldBeGraphEnvelope();
        return body;
    }

    [Fact]
    public async Task UnknownTemplateOrLanguageFailsWith132001()
    {
        await TemplateApi.CreateApprovedAsync(Client, TemplateApi.OrderConfirmation());

        var body = await ShouldRefuseAsync(TemplateApi.OrderMessage(To, "no_such_template"), HttpStatusCode.NotFound, 132001);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe("template name (no_such_template) does not exist in en_US");
        await ShouldRefuseAsync(TemplateApi.OrderMessage(To, language: "de"), HttpStatusCode.NotFound, 132001);
        await GraphAssertions.ShouldHaveStoredNothingAsync(Client);
    }

    [Fact]
    public async Task PendingAndRejectedTemplatesFailWith132001()
    {
        await TemplateApi.CreateOkAsync(Client, TemplateApi.OrderConfirmation());
        await ShouldRefuseAsync(TemplateApi.OrderMessage(To), HttpStatusCode.NotFound, 132001);

        var rejected = await TemplateApi.CreateOkAsync(Client, TemplateApi.OrderConfirmation("order_rejected"));
        await TemplateApi.SetStatusAsync(Client, rejected, "REJECTED", "INVALID_FORMAT");
        await ShouldRefuseAsync(TemplateApi.OrderMessage(To, "order_rejected"), HttpStatusCode.NotFound, 132001);
    }

    [Fact]
    public async Task PausedTemplateFailsWith132015AndDisabledWith132016()
    {
        var id = await TemplateApi.CreateApprovedAsync(Client, TemplateApi.OrderConfirmation());
        await TemplateApi.SetStatusAsync(Client, id, "PAUSED");
        await ShouldRefuseAsync(TemplateApi.OrderMessage(To), HttpStatusCode.BadRequest, 132015);

        await TemplateApi.SetStatusAsync(Client, id, "DISABLED");
        await ShouldRefuseAsync(TemplateApi.OrderMessage(To), HttpStatusCode.BadRequest, 132016);

        await TemplateApi.SetStatusAsync(Client, id, "APPROVED");
        await CloudApi.SendOkAsync(Client, TemplateApi.OrderMessage(To));
    }

    [Fact]
    public async Task WrongNumberOfBodyOrHeaderParametersFailsWith132000()
    {
        await TemplateApi.CreateApprovedAsync(Client, TemplateApi.OrderConfirmation());

        var tooFew = TemplateApi.OrderMessage(To);
        Components(tooFew)["components"]![1]!["parameters"]!.AsArray().RemoveAt(1);
        await ShouldRefuseAsync(tooFew, HttpStatusCode.BadRequest, 132000);

        var noHeader = TemplateApi.OrderMessage(To);
        Components(noHeader)["components"]!.AsArray().RemoveAt(0);
        await ShouldRefuseAsync(noHeader, HttpStatusCode.BadRequest, 132000);

        var missingUrlParameter = TemplateApi.OrderMessage(To);
        Components(missingUrlParameter)["components"]!.AsArray().RemoveAt(3);
        await ShouldRefuseAsync(missingUrlParameter, HttpStatusCode.BadRequest, 132000);
    }

    [Fact]
    public async Task MediaAndLocationHeadersNeedParametersOfTheirKindElse132012()
    {
        await TemplateApi.CreateApprovedAsync(Client, JsonNode.Parse("""
            {"name":"receipt","language":"en_US","category":"UTILITY","components":[
              {"type":"HEADER","format":"DOCUMENT","example":{"header_handle":["4::aW1hZ2U="]}},
              {"type":"BODY","text":"Here is your receipt."}]}
            """)!.AsObject());
        await TemplateApi.CreateApprovedAsync(Client, JsonNode.Parse("""
            {"name":"store_nearby","language":"en_US","category":"UTILITY","components":[
              {"type":"HEADER","format":"LOCATION"},{"type":"BODY","text":"Our store is here."}]}
            """)!.AsObject());

        await ShouldRefuseAsync(Template("receipt", """[{"type":"header","parameters":[{"type":"image","image":{"link":"https://example.com/a.png"}}]}]"""), HttpStatusCode.BadRequest, 132012);
        await ShouldRefuseAsync(Template("receipt", "[]"), HttpStatusCode.BadRequest, 132000);
        await CloudApi.SendOkAsync(Client, Template("receipt", """[{"type":"header","parameters":[{"type":"document","document":{"link":"https://example.com/r.pdf","filename":"r.pdf"}}]}]"""));
        await ShouldRefuseAsync(Template("store_nearby", """[{"type":"header","parameters":[{"type":"text","text":"here"}]}]"""), HttpStatusCode.BadRequest, 132012);
        await CloudApi.SendOkAsync(Client, Template("store_nearby", """[{"type":"header","parameters":[{"type":"location","location":{"latitude":"37.48","longitude":"-122.15","name":"Store","address":"1 Main St"}}]}]"""));
    }

    [Fact]
    public async Task ButtonsMustExistAtTheirIndexWith132000AndMatchTheirSubTypeWith132012()
    {
        await TemplateApi.CreateApprovedAsync(Client, TemplateApi.OrderConfirmation());

        var noSuchButton = TemplateApi.OrderMessage(To);
        Components(noSuchButton)["components"]![2]!["index"] = "5";
        await ShouldRefuseAsync(noSuchButton, HttpStatusCode.BadRequest, 132000);

        var wrongSubType = TemplateApi.OrderMessage(To);
        Components(wrongSubType)["components"]![2]!["sub_type"] = "url";
        Components(wrongSubType)["components"]![2]!["parameters"] = JsonNode.Parse("""[{"type":"text","text":"x"}]""");
        await ShouldRefuseAsync(wrongSubType, HttpStatusCode.BadRequest, 132012);

        var wrongParameter = TemplateApi.OrderMessage(To);
        Components(wrongParameter)["components"]![3]!["parameters"] = JsonNode.Parse("""[{"type":"payload","payload":"x"}]""");
        await ShouldRefuseAsync(wrongParameter, HttpStatusCode.BadRequest, 132012);
    }

    [Fact]
    public async Task NamedTemplatesNeedTheirParameterNames()
    {
        await TemplateApi.CreateApprovedAsync(Client, JsonNode.Parse("""
            {"name":"named_greeting","language":"en_US","category":"UTILITY","parameter_format":"NAMED","components":[
              {"type":"BODY","text":"Hello {{first_name}}, your code is {{code}}.","example":{"body_text_named_params":[{"param_name":"first_name","example":"Ana"},{"param_name":"code","example":"X1"}]}}]}
            """)!.AsObject());

        await ShouldRefuseAsync(Template("named_greeting", """[{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"X1"}]}]"""), HttpStatusCode.BadRequest, 132012);
        await ShouldRefuseAsync(Template("named_greeting", """[{"type":"body","parameters":[{"type":"text","text":"Ana","parameter_name":"first_name"},{"type":"text","text":"X1","parameter_name":"coupon"}]}]"""), HttpStatusCode.BadRequest, 132000);
        var id = await CloudApi.SendOkAsync(Client, Template("named_greeting", """[{"type":"body","parameters":[{"type":"text","text":"X1","parameter_name":"code"},{"type":"text","text":"Ana","parameter_name":"first_name"}]}]"""));

        var (_, rendered) = await TemplateApi.GetAsync(Client, $"/sandbox/channels/{ParleyFactory.PhoneNumberId}/messages/{id}/rendered");
        rendered["body"]!.GetValue<string>().ShouldBe("Hello Ana, your code is X1.");
    }

    [Fact]
    public async Task EveryAccountHasMetasHelloWorldSample()
    {
        var id = await CloudApi.SendOkAsync(Client, Template("hello_world", "[]"));

        (await CloudApi.WaitForStatusAsync(Client, id, "read"))["status"]!.GetValue<string>().ShouldBe("read");
    }

    private static JsonObject Template(string name, string components) => JsonNode.Parse($$$"""
        {"messaging_product":"whatsapp","to":"{{{To}}}","type":"template","template":{"name":"{{{name}}}","language":{"code":"en_US"},"components":{{{components}}}}}
        """)!.AsObject();
}
