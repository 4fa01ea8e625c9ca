using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.CloudApiDialect;

/// <summary>
/// Graph reads an object- or array-valued top-level parameter given as a JSON-encoded string in a JSON body, as it
/// does in a form: <c>"text": "{\"body\":…}"</c> is the object it encodes. Strings that only look like JSON where the
/// parameter is a string (<c>text.body</c>, <c>biz_opaque_callback_data</c>) stay strings.
/// </summary>
public sealed class JsonEncodedParameterTests : ParleyTest
{
    private const string User = "16505554401";

    private static string Encoded(JsonNode node) => JsonValue.Create(node.ToJsonString())!.ToJsonString();

    private async Task<JsonObject> SendOkAsync(string json)
    {
        var (status, body) = await CloudApi.SendRawAsync(Client, json);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return (await CloudApi.GetMessageAsync(Client, body["messages"]![0]!["id"]!.GetValue<string>()))["message"]!.AsObject();
    }

    [Fact]
    public async Task TextGivenAsAJsonStringIsSentAsTheObjectItEncodes()
    {
        await CloudApi.UserWritesAsync(Client, User);
        var text = Encoded(new JsonObject { ["body"] = "hi from a string", ["preview_url"] = false });

        var stored = await SendOkAsync($$"""{"messaging_product":"whatsapp","to":"{{User}}","type":"text","text":{{text}}}""");

        stored["text"]!["body"]!.GetValue<string>().ShouldBe("hi from a string");
        stored["text"]!["preview_url"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task ContactsGivenAsAJsonArrayStringAreSentAsTheArray()
    {
        await CloudApi.UserWritesAsync(Client, User);
        var contacts = Encoded(JsonNode.Parse("""[{"name":{"formatted_name":"Ana Silva","first_name":"Ana"},"phones":[{"phone":"+16505551234","type":"WORK"}]}]""")!);

        var stored = await SendOkAsync($$"""{"messaging_product":"whatsapp","to":"{{User}}","type":"contacts","contacts":{{contacts}}}""");

        stored["contacts"]!.AsArray().Count.ShouldBe(1);
        stored["contacts"]![0]!["name"]!["formatted_name"]!.GetValue<string>().ShouldBe("Ana Silva");
    }

    [Fact]
    public async Task InteractiveGivenAsAJsonStringIsValidatedAsTheObject()
    {
        await CloudApi.UserWritesAsync(Client, User);
        var interactive = Encoded(JsonNode.Parse("""
            {"type":"button","body":{"text":"Pick one"},"action":{"buttons":[{"type":"reply","reply":{"id":"a","title":"A"}}]}}
            """)!);
        var stored = await SendOkAsync($$"""{"messaging_product":"whatsapp","to":"{{User}}","type":"interactive","interactive":{{interactive}}}""");
        stored["interactive"]!["action"]!["buttons"]![0]!["reply"]!["title"]!.GetValue<string>().ShouldBe("A");

        // Decoded, it is checked like any interactive object: four buttons are one too many.
        var tooMany = Encoded(JsonNode.Parse("""
            {"type":"button","body":{"text":"Pick"},"action":{"buttons":[
              {"type":"reply","reply":{"id":"a","title":"A"}},{"type":"reply","reply":{"id":"b","title":"B"}},
              {"type":"reply","reply":{"id":"c","title":"C"}},{"type":"reply","reply":{"id":"d","title":"D"}}]}}
            """)!);
        var (status, body) = await CloudApi.SendRawAsync(Client, $$"""{"messaging_product":"whatsapp","to":"{{User}}","type":"interactive","interactive":{{tooMany}}}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(131009);
    }

    [Fact]
    public async Task TemplateGivenAsAJsonStringIsSent()
    {
        await TemplateApi.CreateApprovedAsync(Client, TemplateApi.OrderConfirmation());
        var message = TemplateApi.OrderMessage(User);
        var template = Encoded(message["template"]!);

        var stored = await SendOkAsync($$"""{"messaging_product":"whatsapp","to":"{{User}}","type":"template","template":{{template}}}""");

        stored["template"]!["name"]!.GetValue<string>().ShouldBe("order_confirmation");
        stored["template"]!["components"]!.AsArray().Count.ShouldBe(4);
    }

    [Fact]
    public async Task AStringThatLooksLikeJsonStaysAStringWhereTheParameterIsAString()
    {
        await CloudApi.UserWritesAsync(Client, User);

        var stored = await SendOkAsync($$"""
            {"messaging_product":"whatsapp","to":"{{User}}","type":"text","text":{"body":"{\"not\":\"decoded\"}"},"biz_opaque_callback_data":"{\"order\":42}"}
            """);

        stored["text"]!["body"]!.GetValue<string>().ShouldBe("""{"not":"decoded"}""");
        stored["biz_opaque_callback_data"]!.GetValue<string>().ShouldBe("""{"order":42}""");
    }

    [Fact]
    public async Task AnEncodedStringThatIsNotJsonIsRefusedByTheParametersOwnCheck()
    {
        await CloudApi.UserWritesAsync(Client, User);

        var (status, body) = await CloudApi.SendRawAsync(Client, $$"""{"messaging_product":"whatsapp","to":"{{User}}","type":"text","text":"{broken"}""");

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(100);
    }

    [Fact]
    public async Task TemplateComponentsGivenAsAJsonStringCreateTheTemplate()
    {
        var template = TemplateApi.OrderConfirmation("encoded_components");
        template["components"] = template["components"]!.ToJsonString();

        var (status, body) = await TemplateApi.CreateAsync(Client, template);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var (_, found) = await TemplateApi.GetAsync(Client, TemplateApi.TemplatesPath + "?name=encoded_components");
        found["data"]![0]!["components"]!.AsArray().Count.ShouldBe(4);
    }
}
