using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Commerce;
using Parley.Server.Tests.Flows;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>Every send method of seed 000, through HTTP, with the 1msg response shape and the state afterwards.</summary>
public sealed class OneMsgSendTests : ParleyTest
{
    private const string User = "12020721369";

    /// <summary>The flow <c>sendFlow</c> names is a published flow of the account; <c>sendProduct</c>'s catalog is connected.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await FlowKit.SeedAsync(Parley, "1234567890", "sign_up");
        await CommerceKit.ReadyAsync(Client, "123", "SKU-1", "SKU-2");
    }

    public static TheoryData<string, string> SeedRequests() => new()
    {
        { "sendMessage", $$$$"""{"chatId":"{{{{User}}}}@c.us","body":"Hello 🍏"}""" },
        { "sendMessage", $$$$"""{"phone":{{{{User}}}},"body":"phone as a number"}""" },
        { "sendMessage", $$$$"""{"phone":"{{{{User}}}}","body":"phone as a string","quotedMsgId":"wamid.HBgLdemo-text-001"}""" },
        { "sendFile", $$$$"""{"chatId":"{{{{User}}}}@c.us","body":"https://example.com/1.jpg","filename":"1.jpg","caption":"An image"}""" },
        { "sendFile", $$$$"""{"chatId":"{{{{User}}}}@c.us","body":"https://example.com/hello.xlsx","filename":"hello.xlsx"}""" },
        { "sendLocation", $$$$"""{"chatId":"{{{{User}}}}@c.us","lat":"45.018337","lng":"-73.968285","address":"9766 Valley View St., New York, NY 10024","name":"Facebook HQ"}""" },
        { "sendContact", $$$$"""{"chatId":"{{{{User}}}}@c.us","contacts":[{"addresses":[{"city":"Menlo Park","country":"United States","country_code":"us","state":"CA","street":"1 Hacker Way","type":"HOME","zip":"94025"}],"birthday":"2012-08-18","emails":[{"email":"test@fb.com","type":"WORK"}],"name":{"first_name":"John","formatted_name":"John Smith","last_name":"Smith"},"org":{"company":"WhatsApp","department":"Design","title":"Manager"},"phones":[{"phone":"+1 (940) 555-1234","type":"HOME"},{"phone":"+1 (650) 555-1234","type":"WORK","wa_id":"16505551234"}],"urls":[{"url":"https://www.facebook.com","type":"WORK"}]}]}""" },
        { "sendButton", $$$$"""{"chatId":"{{{{User}}}}@c.us","body":"Pick one","footer":"Footer","sections":[{"type":"reply","reply":{"id":"1","title":"1 Button's Title"}},{"type":"reply","reply":{"id":"2","title":"2 Button's Title"}}]}""" },
        { "sendList", $$$$"""{"chatId":"{{{{User}}}}@c.us","body":"Choose","header":"Header","footer":"Footer","action":"List","sections":[{"title":"Section 1","rows":[{"id":"1","title":"Option 1","description":"Description 1"}]},{"title":"Section 2","rows":[{"id":"2","title":"Option 2","description":"Description 2"}]}]}""" },
        { "sendLocationRequest", $$$$"""{"chatId":"{{{{User}}}}@c.us","body":"Where are you?"}""" },
        { "sendFlow", $$$$"""{"chatId":"{{{{User}}}}@c.us","body":"Sign up","flowId":"1234567890","flowToken":"token-1","flowCta":"Open","flowAction":"navigate","flowActionScreen":"WELCOME"}""" },
        { "sendReaction", $$$$"""{"chatId":"{{{{User}}}}@c.us","body":"👍","quotedMsgId":"wamid.HBgLdemo-text-001"}""" },
        { "sendReaction", $$$$"""{"chatId":"{{{{User}}}}@c.us","body":"","quotedMsgId":"wamid.HBgLdemo-text-001"}""" },
        { "sendCarousel", $$$$"""{"chatId":"{{{{User}}}}@c.us","body":"Our picks","params":[{"type":"CAROUSEL","cards":[{"card_index":0,"components":[{"type":"header","parameters":[{"type":"image","image":{"link":"https://example.com/a.png"}}]},{"type":"body","parameters":[{"type":"text","text":"Card A"}]},{"type":"button","sub_type":"url","parameters":{"text":"Buy","url":"https://example.com/a"}}]},{"card_index":1,"components":[{"type":"header","parameters":[{"type":"image","image":{"link":"https://example.com/b.png"}}]},{"type":"body","parameters":[{"type":"text","text":"Card B"}]},{"type":"button","sub_type":"url","parameters":{"text":"Buy","url":"https://example.com/b"}}]}]}]}""" },
        { "sendProduct", $$$$"""{"chatId":"{{{{User}}}}@c.us","body":"Some text.","footer":"Footer.","header":"Header.","action":{"catalog_id":"123","sections":[{"title":"the-section-title","product_items":[{"product_retailer_id":"SKU-1"},{"product_retailer_id":"SKU-2"}]},{"title":"the-section-title2","product_items":[{"product_retailer_id":"SKU-1"}]}]}}""" },
        { "sendProduct", $$$$"""{"chatId":"{{{{User}}}}@c.us","body":"One product","action":{"catalog_id":"123","product_retailer_id":"SKU-1"}}""" },
        { "sendTemplate", $$$$"""{"chatId":"{{{{User}}}}@c.us","namespace":"ns_1","template":"start","language":{"policy":"deterministic","code":"en"},"params":[{"type":"body","parameters":[{"type":"text","text":"John"}]},{"type":"button","sub_type":"coupon_code","index":0,"parameters":[{"type":"coupon_code","coupon_code":"SAVE10"}]}]}""" },
        { "sendSticker", $$$$"""{"chatId":"{{{{User}}}}@c.us","link":"https://example.com/s.webp"}""" },
        { "sendCtaUrl", $$$$"""{"chatId":"{{{{User}}}}@c.us","body":"See more","displayText":"Open","url":"https://example.com"}""" },
        { "sendAddressMessage", $$$$"""{"phone":"919000000001","body":"Your address?","country":"IN"}""" },
    };

    [Theory]
    [MemberData(nameof(SeedRequests))]
    public async Task EverySeedSendIsAcceptedWithTheSentShapeAndStored(string method, string json)
    {
        if (method == "sendTemplate")
        {
            await TemplateApi.CreateApprovedAsync(Client, StartTemplate());
        }
        var id = await OneMsgClient.SentAsync(Client, method, json);
        var stored = await CloudApi.GetMessageAsync(Client, id);
        stored["id"]!.GetValue<string>().ShouldBe(id);
    }

    /// <summary>The seed's sendTemplate example's template: <c>start</c> in <c>en</c>, one body variable and a copy-code button.</summary>
    internal static JsonObject StartTemplate(string name = "start") => JsonNode.Parse($$$"""
        {"name":"{{{name}}}","language":"en","category":"MARKETING","components":[
          {"type":"BODY","text":"Hi {{1}}, here is your discount code.","example":{"body_text":[["John"]]}},
          {"type":"BUTTONS","buttons":[{"type":"COPY_CODE","example":"SAVE10"}]}]}
        """)!.AsObject();

    private const string StartSend = """{"phone":"12020721369","namespace":"ns_1","template":"start","language":{"policy":"deterministic","code":"en"},"params":[{"type":"body","parameters":[{"type":"text","text":"John"}]},{"type":"button","sub_type":"coupon_code","index":0,"parameters":[{"type":"coupon_code","coupon_code":"SAVE10"}]}]}""";

    [Fact]
    public async Task AnUnknownTemplateIs400WithCode132001AndNothingIsStored()
    {
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "sendTemplate", StartSend);
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldStartWith("(#132001) Template name does not exist in the translation");
        body["error"]!.GetValue<string>().ShouldContain("start");
        var (_, history) = await OneMsgClient.GetAsync(Client, "messages");
        history["messages"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task APendingTemplateIsRefusedLikeAnUnknownOneUntilItIsApproved()
    {
        var id = await TemplateApi.CreateOkAsync(Client, StartTemplate());
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "sendTemplate", StartSend);
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldStartWith("(#132001)");

        await TemplateApi.SetStatusAsync(Client, id, "APPROVED");
        await OneMsgClient.SentAsync(Client, "sendTemplate", StartSend);
    }

    [Fact]
    public async Task TheSeedsFormEncodedReactionSampleWorks()
    {
        var (status, body) = await OneMsgClient.PostFormAsync(Client, "sendReaction",
            "body=%F0%9F%91%8D&quotedMsgId=wamid.HBgLdemo-text-001&chatId=12020721369%40c.us");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["sent"]!.GetValue<bool>().ShouldBeTrue();
        body["message"]!.GetValue<string>().ShouldBe("Sent to 12020721369@c.us");
        var stored = await CloudApi.GetMessageAsync(Client, body["id"]!.GetValue<string>());
        stored["type"]!.GetValue<string>().ShouldBe("reaction");
    }

    [Fact]
    public async Task FormFieldsKeepTextThatLooksLikeJsonAndParseStructuredFields()
    {
        var (status, body) = await OneMsgClient.PostFormAsync(Client, "sendMessage", "phone=12020721369&body=%5BCall%5D+%7Bnot+json");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var stored = await CloudApi.GetMessageAsync(Client, body["id"]!.GetValue<string>());
        stored.ToJsonString().ShouldContain("[Call] {not json");

        var sections = Uri.EscapeDataString("""[{"type":"reply","reply":{"id":"1","title":"Yes"}}]""");
        var buttons = await OneMsgClient.PostFormAsync(Client, "sendButton", $"chatId=12020721369%40c.us&body=Pick&sections={sections}");
        buttons.Status.ShouldBe(HttpStatusCode.OK, buttons.Body.ToJsonString());
    }

    [Fact]
    public async Task MultipartBodiesAreReadLikeJson()
    {
        var (status, body) = await OneMsgClient.PostMultipartAsync(Client, "sendMessage", new Dictionary<string, string> { ["phone"] = User, ["body"] = "multipart" });
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["sent"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task TheTokenMayComeAsAHeader()
    {
        using var client = Parley.CreateClient();
        client.DefaultRequestHeaders.Add("token", ParleyFactory.AccessToken);
        using var content = new StringContent($$$$"""{"phone":"{{{{User}}}}","body":"hi"}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync($"/{OneMsgClient.Instance}/sendMessage", content);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("")]
    [InlineData("wrong-token")]
    public async Task AMissingOrWrongTokenIs401InOneMsgsErrorFormat(string token)
    {
        using var client = Parley.CreateClient();
        var (status, body) = await OneMsgClient.PostJsonAsync(client, "sendMessage", $$$$"""{"phone":"{{{{User}}}}","body":"hi"}""", token);
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body["error"]!.GetValue<string>().ShouldContain("Wrong token");
    }

    [Theory]
    [InlineData("sendMessage", """{"body":"no destination"}""", "chatId or phone")]
    [InlineData("sendMessage", """{"phone":"12020721369","chatId":"12020721369@c.us","body":"both"}""", "Only one of chatId or phone")]
    [InlineData("sendMessage", """{"chatId":"12020721369","body":"no suffix"}""", "chatId")]
    [InlineData("sendMessage", """{"phone":"12020721369"}""", "body")]
    [InlineData("sendFile", """{"phone":"12020721369","body":"https://example.com/a.pdf"}""", "filename")]
    [InlineData("sendLocation", """{"phone":"12020721369","lat":"north","lng":"1"}""", "lat")]
    [InlineData("sendLocation", """{"phone":"12020721369","lat":"91","lng":"1"}""", "")]
    [InlineData("sendButton", """{"phone":"12020721369","body":"x","sections":[{"type":"reply","reply":{"id":"1","title":"A title longer than twenty"}}]}""", "Button title")]
    [InlineData("sendReaction", """{"phone":"12020721369","body":"not an emoji","quotedMsgId":"wamid.x"}""", "emoji")]
    [InlineData("sendTemplate", """{"phone":"12020721369","template":"start","language":{"policy":"deterministic","code":"en"}}""", "namespace")]
    [InlineData("sendMessage", "{not json", "Invalid JSON")]
    public async Task BadInputIs400WithTheReason(string method, string json, string reason)
    {
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, method, json);
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldContain(reason);
    }

    [Fact]
    public async Task ALongTextIsRejectedByTheSameRuleAsTheCloudApi()
    {
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "sendMessage", $$$$"""{"phone":"{{{{User}}}}","body":"{{{{new string('a', 4097)}}}}"}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        body["error"]!.GetValue<string>().ShouldContain("4096");
    }

    [Fact]
    public async Task CloudApiRoutesStillWinForTheirPaths()
    {
        var (status, body) = await CloudApi.SendAsync(Client, CloudApi.Text(User));
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
        using var response = await Client.GetAsync("/v23.0/999");
        (await CloudApi.ReadAsync(response)).Code().ShouldBe(100);
    }
}
