using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Dialects.Bird;

/// <summary>
/// Channels template sends bound to the stored template (dialects digest B.6): named or positional body parameters by
/// the template's <c>parameter_format</c>, media header and URL button parameters from plain string parameters; the
/// WhatsApp message that reaches the network is checked, and an unknown template is refused before the 202.
/// </summary>
public sealed class BirdTemplateTests : BirdTest
{
    private const string Stranger = "16505559876"; // never wrote: only templates may be sent

    private static object Template(string name, string locale, params object[] parameters) => new
    {
        receiver = new { contacts = new[] { new { identifierKey = "phonenumber", identifierValue = "+" + Stranger } } },
        template = new { projectId = "ce6a2fd6-b5b6-4b0a-9c6e-1b2c3d4e5f60", version = "latest", name, locale, parameters },
    };

    private static object P(string key, object value) => new { type = value is string ? "string" : "number", key, value };

    private static JsonObject Component(JsonObject sent, string type) =>
        sent["template"]!["components"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == type)!.AsObject();

    [Fact]
    public async Task PositionalTemplateTakesNumberedKeysInVariableOrderAndItsUrlButtonTakesTheUrlParameter()
    {
        await TemplateApi.CreateApprovedAsync(Client, TemplateApi.OrderConfirmation());

        var accepted = await SendAcceptedAsync(Template("order_confirmation", "en-US",
            P("url", "42"), P("2", "#42"), P("1", "Ana"), P("headerText", "42")));

        var sent = await AtUpstreamAsync(Wamids(accepted).Single());
        Component(sent, "header")["parameters"]![0]!["text"]!.GetValue<string>().ShouldBe("42");
        var body = Component(sent, "body")["parameters"]!.AsArray();
        body.Select(p => p!["text"]!.GetValue<string>()).ShouldBe(["Ana", "#42"]);
        body.ShouldAllBe(p => !p!.AsObject().ContainsKey("parameter_name"));
        var button = Component(sent, "button");
        button["sub_type"]!.GetValue<string>().ShouldBe("url");
        button["index"]!.GetValue<int>().ShouldBe(2);
        button["parameters"]![0]!["text"]!.GetValue<string>().ShouldBe("42");
    }

    [Fact]
    public async Task PositionalTemplateFillsItsVariablesWithStudioStyleKeysInTheirOrder()
    {
        await TemplateApi.CreateApprovedAsync(Client, JsonNode.Parse("""
            {"name":"shipping","language":"en","category":"UTILITY","components":[
              {"type":"BODY","text":"Hi {{1}}, {{2}} parcels are on their way.","example":{"body_text":[["Ana","2"]]}}]}
            """)!.AsObject());

        var accepted = await SendAcceptedAsync(Template("shipping", "en", P("firstName", "Robert"), P("count", 3)));

        var sent = await AtUpstreamAsync(Wamids(accepted).Single());
        Component(sent, "body")["parameters"]!.AsArray().Select(p => p!["text"]!.GetValue<string>()).ShouldBe(["Robert", "3"]);
    }

    [Fact]
    public async Task NamedTemplateWithAnImageHeaderTakesTheImageUrlParameterAsTheHeaderLink()
    {
        await TemplateApi.CreateApprovedAsync(Client, JsonNode.Parse("""
            {"name":"new_arrivals","language":"en","category":"MARKETING","parameter_format":"NAMED","components":[
              {"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW1hZ2U="]}},
              {"type":"BODY","text":"Hello {{name}}, see what is new.","example":{"body_text_named_params":[{"param_name":"name","example":"Ana"}]}},
              {"type":"BUTTONS","buttons":[{"type":"URL","text":"Shop","url":"https://shop.example.com/{{1}}","example":["https://shop.example.com/?campaignid=1"]}]}]}
            """)!.AsObject());
        var picture = await MediaUrlAsync("arrivals.jpg", "image/jpeg");

        var accepted = await SendAcceptedAsync(Template("new_arrivals", "en",
            P("name", "Robert"), P("imageURL", picture), P("url", "?campaignid=123456")));

        var sent = await AtUpstreamAsync(Wamids(accepted).Single());
        var header = Component(sent, "header")["parameters"]![0]!;
        header["type"]!.GetValue<string>().ShouldBe("image");
        header["image"]!["link"]!.GetValue<string>().ShouldBe(picture);
        var body = Component(sent, "body")["parameters"]!.AsArray().ShouldHaveSingleItem()!;
        body["parameter_name"]!.GetValue<string>().ShouldBe("name");
        body["text"]!.GetValue<string>().ShouldBe("Robert");
        Component(sent, "button")["parameters"]![0]!["text"]!.GetValue<string>().ShouldBe("?campaignid=123456");
    }

    [Theory]
    [InlineData("VIDEO", "videoUrl", "clip.mp4", "video/mp4")]
    [InlineData("DOCUMENT", "document_url", "terms.pdf", "application/pdf")]
    public async Task MediaHeaderTemplatesTakeTheirLinkFromTheMatchingParameter(string format, string key, string file, string contentType)
    {
        await TemplateApi.CreateApprovedAsync(Client, JsonNode.Parse($$$"""
            {"name":"with_media","language":"en","category":"UTILITY","components":[
              {"type":"HEADER","format":"{{{format}}}","example":{"header_handle":["4::aW1hZ2U="]}},
              {"type":"BODY","text":"Here it is."}]}
            """)!.AsObject());
        var link = await MediaUrlAsync(file, contentType);
        var parameters = format == "DOCUMENT" ? new[] { P(key, link), P("filename", file) } : new[] { P(key, link) };

        var accepted = await SendAcceptedAsync(Template("with_media", "en", parameters));

        var sent = await AtUpstreamAsync(Wamids(accepted).Single());
        var kind = format.ToLowerInvariant();
        var header = Component(sent, "header")["parameters"]![0]!;
        header["type"]!.GetValue<string>().ShouldBe(kind);
        header[kind]!["link"]!.GetValue<string>().ShouldBe(link);
        if (format == "DOCUMENT")
        {
            header[kind]!["filename"]!.GetValue<string>().ShouldBe(file);
        }
    }

    [Fact]
    public async Task UnknownTemplateIsRefusedWithWhatsApps132001AndNothingIsSent()
    {
        var (status, body) = await SendAsync(Channels, Template("no_such_template", "en", P("name", "Robert")));

        status.ShouldBe(HttpStatusCode.UnprocessableEntity, body.ToJsonString());
        body["code"]!.GetValue<string>().ShouldBe("invalid_parameters");
        body["details"]!["template"]![0]!.GetValue<string>().ShouldContain("132001");
        SentToNetwork().ShouldBeEmpty();
    }

    [Fact]
    public async Task NamedTemplateMissingAParameterIsRefusedWithTheCountMismatch()
    {
        await TemplateApi.CreateApprovedAsync(Client, JsonNode.Parse("""
            {"name":"named_two","language":"en","category":"UTILITY","parameter_format":"NAMED","components":[
              {"type":"BODY","text":"Hi {{name}}, order {{order}} ships.","example":{"body_text_named_params":[{"param_name":"name","example":"Ana"},{"param_name":"order","example":"42"}]}}]}
            """)!.AsObject());

        var (status, body) = await SendAsync(Channels, Template("named_two", "en", P("name", "Robert"), P("ordr", "42")));

        status.ShouldBe(HttpStatusCode.UnprocessableEntity, body.ToJsonString());
        body["details"]!["template"]![0]!.GetValue<string>().ShouldContain("132000");
        SentToNetwork().ShouldBeEmpty();
    }
}
