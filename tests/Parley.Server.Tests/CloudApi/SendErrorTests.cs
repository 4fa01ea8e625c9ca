using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.CloudApiDialect;

/// <summary>
/// Every error rule of <c>POST /{version}/{phone-number-id}/messages</c> (digest §1–2; the rules in
/// MessageRequestParser's summary): status, the Graph error envelope, and nothing stored afterwards.
/// No request in this class is valid, so the demo channel must end every test with no outbound message.
/// </summary>
public sealed class SendErrorTests : IAsyncLifetime
{
    private const string InvalidParameter = "(#100) Invalid parameter";
    private const string RequiredParameterMissing = "(#131008) Required parameter is missing";

    private readonly ParleyFactory _parley = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _parley.CreateChannelClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _parley.DisposeAsync();
    }

    [Fact]
    public async Task MissingTokenAnswers401WithCode104()
    {
        using var anonymous = _parley.CreateClient();
        using var response = await anonymous.PostAsJsonAsync(CloudApi.MessagesPath, CloudApi.Text("16505551234"));
        var body = await CloudApi.ReadAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        body.ShouldBeGraphError(104, "(#104) An access token is required to request this resource");
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("OAuth \"Facebook Platform\"");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Theory]
    [InlineData("EAAthis-token-was-never-issued")]
    [InlineData("x")]
    public async Task UnknownTokenAnswers401WithCode190(string token)
    {
        using var stranger = _parley.CreateChannelClient(token);

        var (status, body) = await CloudApi.SendAsync(stranger, CloudApi.Text("16505551234"));

        status.ShouldBe(HttpStatusCode.Unauthorized);
        body.ShouldBeGraphError(190, "(#190) Invalid OAuth access token - Cannot parse access token");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Fact]
    public async Task RevokedTokenAnswers401WithCode190()
    {
        using var admin = _parley.CreateAdminClient();
        var issued = await PostAdminAsync(admin, "/admin/tokens", new { channel_id = ParleyFactory.PhoneNumberId, label = "to revoke" });
        using var holder = _parley.CreateChannelClient(issued["access_token"]!.GetValue<string>());
        (await holder.GetAsync($"/api/channels/{ParleyFactory.PhoneNumberId}/messages")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.DeleteAsync($"/admin/tokens/{issued["token"]!["id"]!.GetValue<string>()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var (status, body) = await CloudApi.SendAsync(holder, CloudApi.Text("16505551234"));

        status.ShouldBe(HttpStatusCode.Unauthorized);
        body.ShouldBeGraphError(190, "(#190) Invalid OAuth access token - Cannot parse access token");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Fact]
    public async Task TokenOfAnotherChannelGetsCode100Subcode33AsIfTheChannelDidNotExist()
    {
        using var admin = _parley.CreateAdminClient();
        var account = await PostAdminAsync(admin, "/admin/accounts", new { name = "Other Business" });
        var channel = await PostAdminAsync(admin, "/admin/channels", new { account_id = account["id"]!.GetValue<string>(), display_phone_number = "15550001111" });
        var otherChannelId = channel["channel"]!["phone_number_id"]!.GetValue<string>();
        var issued = await PostAdminAsync(admin, "/admin/tokens", new { channel_id = otherChannelId });
        using var other = _parley.CreateChannelClient(issued["access_token"]!.GetValue<string>());

        var response = await CloudApi.SendAsync(other, CloudApi.Text("16505551234"));

        response.ShouldBeUnknownObject(ParleyFactory.PhoneNumberId);
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Theory]
    [InlineData("999999999999")]
    [InlineData("not-a-number")]
    public async Task UnknownPhoneNumberIdAnswersCode100Subcode33(string phoneNumberId)
    {
        var response = await CloudApi.SendAsync(_client, CloudApi.Text("16505551234"), path: $"/v23.0/{phoneNumberId}/messages");

        response.ShouldBeUnknownObject(phoneNumberId);
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Theory]
    [InlineData("23.0")]
    [InlineData("vX")]
    [InlineData("v23")]
    [InlineData("v23.0.1")]
    [InlineData("V23.0")]
    public async Task BadVersionSegmentAnswersCode100(string version)
    {
        var (status, body) = await CloudApi.SendAsync(_client, CloudApi.Text("16505551234"), path: $"/{version}/{ParleyFactory.PhoneNumberId}/messages");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, InvalidParameter).ShouldBe("Invalid version format. Use format like 'v23.0'");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("""{"messaging_product":"whatsapp","to":"1650""")]
    [InlineData("""{"messaging_product":"whatsapp",}""")]
    [InlineData("{")]
    [InlineData("")]
    public async Task BodyThatIsNotJsonAnswersCode100(string json)
    {
        var (status, body) = await CloudApi.SendRawAsync(_client, json);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, InvalidParameter).ShouldStartWith("Invalid JSON in request body");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Theory]
    [InlineData("""[{"messaging_product":"whatsapp","to":"16505551234","text":{"body":"hi"}}]""")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("true")]
    public async Task BodyThatIsNotAJsonObjectAnswersCode100(string json)
    {
        var (status, body) = await CloudApi.SendRawAsync(_client, json);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, InvalidParameter).ShouldBe("The request body must be a JSON object.");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Fact]
    public async Task UnknownTopLevelFieldAnswersCode100()
    {
        var message = new { messaging_product = "whatsapp", to = "16505551234", type = "text", text = new { body = "hi" }, priority = "high" };

        var (status, body) = await CloudApi.SendAsync(_client, message);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, InvalidParameter).ShouldBe("Unexpected key \"priority\" on param \"message\".");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Fact]
    public async Task MissingMessagingProductAnswersCode100()
    {
        var (status, body) = await CloudApi.SendAsync(_client, new { to = "16505551234", type = "text", text = new { body = "hi" } });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, InvalidParameter).ShouldBe("The parameter messaging_product is required.");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Fact]
    public async Task MessagingProductOtherThanWhatsAppAnswersCode100()
    {
        var (status, body) = await CloudApi.SendAsync(_client, new { messaging_product = "instagram", to = "16505551234", type = "text", text = new { body = "hi" } });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, InvalidParameter).ShouldContain("messaging_product");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Fact]
    public async Task MissingRecipientAnswers131008()
    {
        var (status, body) = await CloudApi.SendAsync(_client, new { messaging_product = "whatsapp", type = "text", text = new { body = "hi" } });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(131008, RequiredParameterMissing).ShouldBe("The parameter to is required.");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"body":""}""")]
    [InlineData("""{"body":null,"preview_url":true}""")]
    public async Task MissingTextBodyAnswers131008(string text)
    {
        var json = $$$"""{"messaging_product":"whatsapp","to":"16505551234","type":"text","text":{{{text}}}}""";

        var (status, body) = await CloudApi.SendRawAsync(_client, json);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(131008, RequiredParameterMissing).ShouldBe("The parameter text['body'] is required.");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Theory]
    [InlineData(4097, "a")]
    [InlineData(4097, "😀")]
    public async Task TextBodyOver4096CharactersAnswersCode100(int characters, string character)
    {
        var text = string.Concat(Enumerable.Repeat(character, characters));

        var (status, body) = await CloudApi.SendAsync(_client, CloudApi.Text("16505551234", text));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, InvalidParameter).ShouldBe("Param text['body'] must be at most 4096 characters long.");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Theory]
    [InlineData("""{"body":42}""", "Param text['body'] must be a string.")]
    [InlineData("""{"body":"hi","preview_url":"yes"}""", "Param text['preview_url'] must be a boolean.")]
    [InlineData("""["hi"]""", "Param text must be an object.")]
    public async Task ValueOfTheWrongJsonTypeAnswersCode100(string text, string details)
    {
        var json = $$$"""{"messaging_product":"whatsapp","to":"16505551234","type":"text","text":{{{text}}}}""";

        var (status, body) = await CloudApi.SendRawAsync(_client, json);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, InvalidParameter).ShouldBe(details);
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Theory]
    [InlineData("hologram")]
    [InlineData("TEXT")]
    [InlineData("")]
    public async Task UnknownMessageTypeAnswers131051(string type)
    {
        var json = $$$"""{"messaging_product":"whatsapp","to":"16505551234","type":"{{{type}}}","text":{"body":"hi"}}""";

        var (status, body) = await CloudApi.SendRawAsync(_client, json);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(131051, "(#131051) Unsupported message type").ShouldStartWith($"Message type \"{type}\" is not supported.");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Theory]
    [InlineData("+15550783881")]
    [InlineData("+1 (555) 078-3881")]
    [InlineData("15550783881")]
    public async Task MessageToTheChannelsOwnNumberAnswers131021(string to)
    {
        var (status, body) = await CloudApi.SendAsync(_client, CloudApi.Text(to));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(131021, "(#131021) Recipient cannot be sender").ShouldBe("Sender and recipient phone number is the same.");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Fact]
    public async Task BodyOverTheSizeLimitAnswers413InTheGraphEnvelope()
    {
        var json = $$$"""{"messaging_product":"whatsapp","to":"16505551234","type":"text","text":{"body":"{{{new string('a', 1_500_000)}}}"}}""";

        var (status, body) = await CloudApi.SendRawAsync(_client, json);

        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        body.ShouldBeGraphError(100, "(#100) Invalid parameter").ShouldBe("The request body is larger than the limit of 1048576 bytes.");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    /// <summary>
    /// A body of unknown length is cut off by the server's limit while it is read. The in-memory test server has no
    /// such limit, so this test runs Parley on Kestrel.
    /// </summary>
    [Fact]
    public async Task ChunkedBodyOverTheSizeLimitAnswers413InTheGraphEnvelope()
    {
        await using var kestrel = new ParleyFactory();
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var client = kestrel.CreateChannelClient();
        var json = $$$"""{"messaging_product":"whatsapp","to":"16505551234","type":"text","text":{"body":"{{{new string('a', 1_500_000)}}}"}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, CloudApi.MessagesPath)
        {
            Content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(json))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);
        var body = await CloudApi.ReadAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, body.ToJsonString());
        body.ShouldBeGraphError(100, "(#100) Invalid parameter").ShouldBe("The request body is larger than the limit of 1048576 bytes.");
        await GraphAssertions.ShouldHaveStoredNothingAsync(client);
    }

    [Fact]
    public async Task CallbackDataOver512CharactersAnswersCode100()
    {
        var message = new { messaging_product = "whatsapp", to = "16505551234", type = "text", text = new { body = "hi" }, biz_opaque_callback_data = new string('c', 513) };

        var (status, body) = await CloudApi.SendAsync(_client, message);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, InvalidParameter).ShouldBe("Param biz_opaque_callback_data must be at most 512 characters long.");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    [Fact]
    public async Task IdempotencyKeyOver255CharactersAnswersCode100()
    {
        var (status, body) = await CloudApi.SendAsync(_client, CloudApi.Text("16505551234"), idempotencyKey: new string('k', 256));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, InvalidParameter).ShouldBe("The Idempotency-Key header must be at most 255 characters long.");
        await GraphAssertions.ShouldHaveStoredNothingAsync(_client);
    }

    private static async Task<JsonObject> PostAdminAsync(HttpClient admin, string path, object body)
    {
        using var response = await admin.PostAsJsonAsync(path, body);
        var json = await CloudApi.ReadAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, json.ToJsonString());
        return json;
    }
}
