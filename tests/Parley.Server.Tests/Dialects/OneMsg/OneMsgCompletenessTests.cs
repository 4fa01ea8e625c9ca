using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Media;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>
/// Issue 15 part 8, 1msg completeness: unknown 1msg paths answer in 1msg's error body while unversioned Graph paths stay
/// Graph's; sendTemplate's <c>currency</c> and <c>date_time</c> parameters as seed 000 documents them; sendFile's voice
/// notes; address messages only to numbers of their country (failed 1026 otherwise, in both dialects). One Parley for
/// the class; every test uses users of its own.
/// </summary>
public sealed class OneMsgCompletenessTests(OneMsgCompletenessTests.SharedParley parley) : IClassFixture<OneMsgCompletenessTests.SharedParley>
{
    /// <summary>The class's one Parley (xunit's class fixtures take one public constructor).</summary>
    public sealed class SharedParley : ParleyFactory;

    private readonly HttpClient _client = parley.CreateChannelClient();

    private static void ShouldBeOneMsgError(JsonObject body, string contains)
    {
        // 1msg's body is {"error": "<text>"}; Graph's envelope is {"error": {"message", "code", …}}.
        body["error"].ShouldBeAssignableTo<JsonValue>(body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldContain(contains);
    }

    [Fact]
    public async Task UnknownOneMsgPathsAnswerInOneMsgFormatWhileUnversionedGraphPathsStayGraph()
    {
        using var anonymous = parley.CreateClient();

        // 1msg's credential (?token=) on a path no 1msg method serves: 1msg's error, whatever the name looks like.
        var (status, body) = await OneMsgClient.PostJsonAsync(_client, "sendNothing", """{"phone":"12020720001","body":"x"}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeOneMsgError(body, "Unknown method: POST /sendNothing is not a 1msg method.");
        (status, body) = await OneMsgClient.GetAsync(_client, "sendMessage");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeOneMsgError(body, "GET /sendMessage is not a 1msg method");
        (status, body) = await OneMsgClient.PostJsonAsync(_client, "messages", """{"messaging_product":"whatsapp","to":"12020720001","type":"text","text":{"body":"x"}}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeOneMsgError(body, "POST /messages is not a 1msg method");
        (status, body) = await OneMsgClient.CallAsync(_client, HttpMethod.Delete, "groups/a/b/c");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeOneMsgError(body, "DELETE /groups/a/b/c");

        // The method Parley refuses, with the reason.
        (status, body) = await OneMsgClient.PostJsonAsync(_client, "sendPaymentRequest", """{"phone":"919000000001","region":"IN"}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeOneMsgError(body, "(#131051) Unsupported message type: sendPaymentRequest is a beta scaffold");

        // The token is checked first: a wrong one is 1msg's wrong-token answer, on a camelCase method without any credential too.
        (status, body) = await OneMsgClient.PostJsonAsync(_client, "sendNothing", "{}", token: "wrong-token");
        status.ShouldBe(HttpStatusCode.Unauthorized);
        ShouldBeOneMsgError(body, "Wrong token");
        using (var response = await anonymous.GetAsync($"/{OneMsgClient.Instance}/noSuchMethod"))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            ShouldBeOneMsgError(await CloudApi.ReadAsync(response), "Wrong token");
        }

        // Graph's credential on the unversioned Graph paths: Graph's answers, as before.
        (status, body) = await CloudApi.SendAsync(_client, CloudApi.Text("12020720001"), $"/{ParleyFactory.PhoneNumberId}/messages");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["messages"]![0]!["id"]!.GetValue<string>().ShouldStartWith("wamid.");
        using (var response = await _client.GetAsync($"/{ParleyFactory.WabaId}/flows"))
        {
            var flows = await CloudApi.ReadAsync(response);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, flows.ToJsonString());
            flows["data"].ShouldBeOfType<JsonArray>();
        }
        // …while the same path with 1msg's token is 1msg's own flows method (on the channel's instance id).
        (status, body) = await OneMsgClient.GetAsync(_client, "flows");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body.ContainsKey("items").ShouldBeTrue(body.ToJsonString());
        using (var response = await _client.GetAsync($"/{ParleyFactory.PhoneNumberId}/no_such_edge"))
        {
            var error = await CloudApi.ReadAsync(response);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, error.ToJsonString());
            error.Error()["code"]!.GetValue<int>().ShouldBeGreaterThan(0);
        }
    }

    private static JsonObject PriceTemplate() => JsonNode.Parse("""
        {"name":"price_alert","language":"en","category":"UTILITY","components":[
          {"type":"BODY","text":"Your total is {{1}}, due {{2}}, reminded {{3}}.","example":{"body_text":[["$100.99","2026-02-25","2026-03-01"]]}}]}
        """)!.AsObject();

    private static string PriceSend(string user, string currency, string due, string reminded) => $$"""
        {"phone":"{{user}}","namespace":"ns_1","template":"price_alert","language":{"policy":"deterministic","code":"en"},
         "params":[{"type":"body","parameters":[{{currency}},{{due}},{{reminded}}]}]}
        """;

    [Fact]
    public async Task SendTemplateTakesCurrencyAndDateTimeAsSeed000DocumentsThem()
    {
        await TemplateApi.CreateApprovedAsync(_client, PriceTemplate());
        const string user = "12020720002";
        var id = await OneMsgClient.SentAsync(_client, "sendTemplate", PriceSend(user,
            """{"type":"currency","currency":{"currency_code":"USD","amount_1000":100990,"fallback_value":"$100.99"}}""",
            """{"type":"date_time","date_time":{"component":{"day_of_week":3,"year":2026,"month":2,"day_of_month":25,"hour":15,"minute":33},"fallback_value":"Feb 25, 2026"}}""",
            """{"type":"date_time","date_time":{"unix_epoch":{"timestamp":1772323200}}}"""));
        var stored = await CloudApi.GetMessageAsync(_client, id);
        var parameters = stored["message"]!["template"]!["components"]![0]!["parameters"]!.AsArray();
        parameters[0]!["currency"]!.ToJsonString().ShouldBe("""{"amount_1000":100990,"fallback_value":"$100.99","code":"USD"}""");
        parameters[1]!["date_time"]!.ToJsonString().ShouldBe(
            """{"fallback_value":"Feb 25, 2026","year":2026,"month":2,"day_of_month":25,"day_of_week":3,"hour":15,"minute":33}""");
        // No fallback_value: Parley writes one from the value (the Cloud API renders only the fallback).
        parameters[2]!["date_time"]!.ToJsonString().ShouldBe("""{"timestamp":1772323200,"fallback_value":"2026-03-01 00:00 UTC"}""");
        var done = await CloudApi.WaitForStatusAsync(_client, id, "delivered");
        done["status"]!.GetValue<string>().ShouldBeOneOf(["delivered", "read"], done.ToJsonString());

        id = await OneMsgClient.SentAsync(_client, "sendTemplate", PriceSend(user,
            """{"type":"currency","currency":{"currency_code":"EUR","amount_1000":"2500"}}""",
            """{"type":"date_time","date_time":{"component":{"year":2026,"month":12,"day_of_month":24}}}""",
            """{"type":"date_time","date_time":{"fallback_value":"tomorrow"}}"""));
        parameters = (await CloudApi.GetMessageAsync(_client, id))["message"]!["template"]!["components"]![0]!["parameters"]!.AsArray();
        parameters[0]!["currency"]!["fallback_value"]!.GetValue<string>().ShouldBe("2.50 EUR");
        parameters[1]!["date_time"]!["fallback_value"]!.GetValue<string>().ShouldBe("2026-12-24");

        var refusals = new (string Currency, string Due, string Error)[]
        {
            ("""{"type":"currency","currency":{"currency_code":"usd","amount_1000":1000}}""", """{"type":"date_time","date_time":{"fallback_value":"x"}}""",
                "(#131009) Parameter value is not valid: params[0].parameters[0].currency.currency_code must be an ISO 4217 currency code"),
            ("""{"type":"currency","currency":{"currency_code":"USD"}}""", """{"type":"date_time","date_time":{"fallback_value":"x"}}""",
                "(#131008) Required parameter is missing: The parameter params[0].parameters[0].currency.amount_1000 is required."),
            ("""{"type":"currency","currency":{"currency_code":"USD","amount_1000":12.5}}""", """{"type":"date_time","date_time":{"fallback_value":"x"}}""",
                "amount_1000 must be an integer"),
            ("""{"type":"currency","currency":{"amount_1000":1000}}""", """{"type":"date_time","date_time":{"fallback_value":"x"}}""",
                "params[0].parameters[0].currency.currency_code is required"),
            ("""{"type":"currency","currency":{"currency_code":"USD","amount_1000":1}}""", """{"type":"date_time","date_time":{"component":{"month":13}}}""",
                "params[0].parameters[1].date_time.component.month must be an integer from 1 to 12."),
            ("""{"type":"currency","currency":{"currency_code":"USD","amount_1000":1}}""", """{"type":"date_time","date_time":{"component":{"hour":1},"unix_epoch":{"timestamp":1}}}""",
                "give component or unix_epoch, not both"),
            ("""{"type":"currency","currency":{"currency_code":"USD","amount_1000":1}}""", """{"type":"date_time","date_time":{"unix_epoch":{"timestamp":"soon"}}}""",
                "unix_epoch must be {\"timestamp\": <Unix time in seconds>}"),
            ("""{"type":"currency","currency":{"currency_code":"USD","amount_1000":1}}""", """{"type":"date_time","date_time":{}}""",
                "(#131008) Required parameter is missing"),
        };
        foreach (var (currency, due, error) in refusals)
        {
            var (status, body) = await OneMsgClient.PostJsonAsync(_client, "sendTemplate",
                PriceSend(user, currency, due, """{"type":"date_time","date_time":{"fallback_value":"x"}}"""));
            status.ShouldBe(HttpStatusCode.BadRequest, currency + due);
            ShouldBeOneMsgError(body, error);
        }
    }

    [Fact]
    public async Task SendFileWithVoiceSendsAVoiceNoteOfOggOpusAudioOnly()
    {
        const string user = "12020720003";
        await OneMsgClient.UserWritesAsync(_client, user);
        var id = await OneMsgClient.SentAsync(_client, "sendFile",
            $$"""{"phone":"{{user}}","body":"https://example.com/note.ogg","filename":"note.ogg","voice":true}""");
        var stored = await CloudApi.GetMessageAsync(_client, id);
        stored["type"]!.GetValue<string>().ShouldBe("audio");
        stored["message"]!["audio"]!.ToJsonString().ShouldBe("""{"link":"https://example.com/note.ogg","voice":true}""");
        var (_, history) = await OneMsgClient.GetAsync(_client, "messages", $"&chatId={user}@c.us");
        history["messages"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == id)!["type"]!.GetValue<string>().ShouldBe("ptt");

        // A form body's "true" is a voice note too; without voice the same file is plain audio.
        var (status, body) = await OneMsgClient.PostFormAsync(_client, "sendFile", $"phone={user}&body=https%3A%2F%2Fexample.com%2Fa.opus&filename=a.opus&voice=true");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        (await CloudApi.GetMessageAsync(_client, body["id"]!.GetValue<string>()))["message"]!["audio"]!["voice"]!.GetValue<bool>().ShouldBeTrue();
        id = await OneMsgClient.SentAsync(_client, "sendFile", $$"""{"phone":"{{user}}","body":"https://example.com/song.ogg","filename":"song.ogg"}""");
        (await CloudApi.GetMessageAsync(_client, id))["message"]!["audio"]!.AsObject().ContainsKey("voice").ShouldBeFalse();

        foreach (var (json, error) in new[]
        {
            ($$"""{"phone":"{{user}}","body":"https://example.com/song.mp3","filename":"song.mp3","voice":true}""", "must be an OGG/Opus audio file (.ogg or .opus); the file is song.mp3"),
            ($$"""{"phone":"{{user}}","mediaId":"123","mediaType":"image","voice":true}""", "the media is image"),
            ($$"""{"phone":"{{user}}","body":"https://example.com/a.ogg","filename":"a.ogg","voice":"maybe"}""", "The parameter voice must be true or false."),
        })
        {
            (status, body) = await OneMsgClient.PostJsonAsync(_client, "sendFile", json);
            status.ShouldBe(HttpStatusCode.BadRequest, json);
            ShouldBeOneMsgError(body, error);
        }

        // The Cloud API takes audio.voice as Meta does (any audio: only the transcription needs OGG/Opus).
        id = await CloudApi.SendOkAsync(_client, new { messaging_product = "whatsapp", to = user, type = "audio", audio = new { link = "https://example.com/n.mp3", voice = true } });
        (await CloudApi.GetMessageAsync(_client, id))["message"]!["audio"]!["voice"]!.GetValue<bool>().ShouldBeTrue();
        (status, body) = await CloudApi.SendRawAsync(_client, $$$"""{"messaging_product":"whatsapp","to":"{{{user}}}","type":"audio","audio":{"link":"https://example.com/n.ogg","voice":"yes"}}""");
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
    }

    private static string HeaderTemplate(string name, string format, string sample, string key = "header_handle") => $$$"""
        {"name":"{{{name}}}","category":"MARKETING","language":"en","components":[
          {"type":"HEADER","format":"{{{format}}}","example":{"{{{key}}}":["{{{sample}}}"]}},{"type":"BODY","text":"See what is new."}]}
        """;

    [Fact]
    public async Task AddTemplateTakesAMediaHeaderByLinkOrByUploadMediaIdAndMakesTheUploadHandle()
    {
        // By uploadMedia id: the template's sample becomes a resumable upload handle of the account.
        var png = Convert.ToBase64String(MediaCalls.Bytes(64));
        var (status, body) = await OneMsgClient.PostJsonAsync(_client, "uploadMedia", $$"""{"body":"data:image/png;base64,{{png}}"}""");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var mediaId = body["mediaId"]!.GetValue<string>();
        (status, body) = await OneMsgClient.PostJsonAsync(_client, "addTemplate", HeaderTemplate("header_by_media_id", "IMAGE", mediaId));
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var handle = body["components"]![0]!["example"]!["header_handle"]![0]!.GetValue<string>();
        handle.ShouldNotBe(mediaId);
        body["status"]!.GetValue<string>().ShouldBe("pending");

        // By link (1msg's header_url too): downloaded through the SSRF guard, then uploaded.
        await using var server = await LinkServer.StartAsync();
        server.Serve("/brochure.pdf", new LinkServer.Asset(MediaCalls.Bytes(300), "application/pdf"));
        server.Serve("/clip.mp4", new LinkServer.Asset(MediaCalls.Bytes(300), "video/mp4"));
        (status, body) = await OneMsgClient.PostJsonAsync(_client, "addTemplate", HeaderTemplate("header_by_link", "DOCUMENT", server.Url("/brochure.pdf")));
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["components"]![0]!["example"]!["header_handle"]![0]!.GetValue<string>().ShouldNotStartWith("http");
        (status, body) = await OneMsgClient.PostJsonAsync(_client, "addTemplate", HeaderTemplate("header_by_url_alias", "VIDEO", server.Url("/clip.mp4"), "header_url"));
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["components"]![0]!["example"]!.AsObject().ContainsKey("header_url").ShouldBeFalse();
        var (_, list) = await OneMsgClient.GetAsync(_client, "templates");
        list["templates"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldContain("header_by_link");

        // A file that does not fit the header, or a link that does not answer: refused, in 1msg's format.
        (status, body) = await OneMsgClient.PostJsonAsync(_client, "addTemplate", HeaderTemplate("header_wrong_type", "IMAGE", server.Url("/brochure.pdf")));
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        ShouldBeOneMsgError(body, "Templates with IMAGE header type need an example/sample");
        (status, body) = await OneMsgClient.PostJsonAsync(_client, "addTemplate", HeaderTemplate("header_missing", "IMAGE", server.Url("/missing.png")));
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"].ShouldBeAssignableTo<JsonValue>(body.ToJsonString());
        (status, body) = await OneMsgClient.PostJsonAsync(_client, "addTemplate", HeaderTemplate("header_unknown_id", "IMAGE", "987654321"));
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        ShouldBeOneMsgError(body, "Templates with IMAGE header type need an example/sample");
    }

    private static object Address(string to, string country) => new
    {
        messaging_product = "whatsapp",
        to,
        type = "interactive",
        interactive = new { type = "address_message", body = new { text = "Where should we deliver?" }, action = new { name = "address_message", parameters = new { country } } },
    };

    [Fact]
    public async Task AddressMessagesReachOnlyNumbersOfTheirCountryAndFailWith1026Otherwise()
    {
        foreach (var user in new[] { "919000000101", "6590000101", "12020720004" })
        {
            await OneMsgClient.UserWritesAsync(_client, user);
        }

        // 1msg: accepted (sent: true), then failed 1026 for a US number; delivered for an Indian one.
        var toUs = await OneMsgClient.SentAsync(_client, "sendAddressMessage", """{"phone":"12020720004","body":"Your address?","country":"IN"}""");
        var toIndia = await OneMsgClient.SentAsync(_client, "sendAddressMessage", """{"phone":"919000000101","body":"Your address?"}""");
        var failed = await CloudApi.WaitForStatusAsync(_client, toUs, "delivered");
        failed["status"]!.GetValue<string>().ShouldBe("failed");
        failed["error"]!["code"]!.GetValue<int>().ShouldBe(1026);
        failed["error"]!.ToJsonString().ShouldContain("Receiver Incapable");
        var delivered = await CloudApi.WaitForStatusAsync(_client, toIndia, "delivered");
        delivered["status"]!.GetValue<string>().ShouldBe("delivered", delivered.ToJsonString());
        var (_, hook) = await OneMsgClient.GetAsync(_client, "hookInfo", $"&messageId={Uri.EscapeDataString(toUs)}");
        hook.ToJsonString().ShouldContain("failed");

        // Cloud API: Singapore to a Singapore number is delivered; Singapore to an Indian number fails 1026.
        var sgToSg = await CloudApi.SendOkAsync(_client, Address("+6590000101", "SG"));
        var sgToIndia = await CloudApi.SendOkAsync(_client, Address("+919000000101", "SG"));
        delivered = await CloudApi.WaitForStatusAsync(_client, sgToSg, "delivered");
        delivered["status"]!.GetValue<string>().ShouldBe("delivered", delivered.ToJsonString());
        failed = await CloudApi.WaitForStatusAsync(_client, sgToIndia, "delivered");
        failed["status"]!.GetValue<string>().ShouldBe("failed");
        failed["error"]!["code"]!.GetValue<int>().ShouldBe(1026);
    }
}
