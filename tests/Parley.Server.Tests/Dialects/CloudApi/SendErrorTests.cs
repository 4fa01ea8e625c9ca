using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.CloudApiDialect;

/// <summary>
/// Every error rule of <c>POST /{version}/{phone-number-id}/messages</c> (digest §1–2; the rules in
/// MessageRequestParser's summary): status, the Graph error envelope, and nothing stored afterwards.
/// No request in this class is valid, so the demo channel must end every test with no outbound message.
/// </summary>
public sealed class SendErrorTests : ParleyTest
{
    private const string InvalidParameter = "(#100) Invalid parameter";
    private const string RequiredParameterMissing = "(#131008) Required parameter is missing";

    [Fact]
    public async Task MissingTokenAnswers401WithCode104()
    {
        using var anonymous = Parley.CreateClient();
        using var response = await anonymous.PostAsJsonAsync(CloudApi.MessagesPath, CloudApi.Text("16505551234"));
        var body = await CloudApi.ReadAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        body.ShouldBeGraphError(104, "(#104) An access token is required to request this resource");
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("OAuth \"Facebook Platform\"");
        await GraphAssertions.ShouldHaveStoredNothingAsync(Client);
    }

    [Theory]
    [InlineData("EAAthis-token-was-never-issued")]
    [InlineData("x")]
    public async Task UnknownTokenAnswers401WithCode190(string token)
    {
        using var stranger = Parley.CreateChannelClient(token);

        await ShouldBeRejectedAsync(CloudApi.SendAsync(stranger, CloudApi.Text("16505551234")),
            190, "(#190) Invalid OAuth access token - Cannot parse access token", status: HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokedTokenAnswers401WithCode190()
    {
        var (tokenId, token) = await Tenants.IssueTokenAsync(Admin, channelId: ParleyFactory.PhoneNumberId);
        using var holder = Parley.CreateChannelClient(token);
        (await holder.GetAsync($"/api/channels/{ParleyFactory.PhoneNumberId}/messages")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Tenants.DeleteAsync(Admin, $"/admin/tokens/{tokenId}")).ShouldBe(HttpStatusCode.NoContent);

        await ShouldBeRejectedAsync(CloudApi.SendAsync(holder, CloudApi.Text("16505551234")),
            190, "(#190) Invalid OAuth access token - Cannot parse access token", status: HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenOfAnotherChannelGetsCode100Subcode33AsIfTheChannelDidNotExist()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var other = Parley.CreateChannelClient(tenant.Token);

        var response = await CloudApi.SendAsync(other, CloudApi.Text("16505551234"));

        response.ShouldBeUnknownObject(ParleyFactory.PhoneNumberId);
        await GraphAssertions.ShouldHaveStoredNothingAsync(Client);
    }

    [Theory]
    [InlineData("999999999999")]
    [InlineData("not-a-number")]
    public async Task UnknownPhoneNumberIdAnswersCode100Subcode33(string phoneNumberId)
    {
        var response = await CloudApi.SendAsync(Client, CloudApi.Text("16505551234"), path: $"/v23.0/{phoneNumberId}/messages");

        response.ShouldBeUnknownObject(phoneNumberId);
        await GraphAssertions.ShouldHaveStoredNothingAsync(Client);
    }

    [Theory]
    [InlineData("23.0")]
    [InlineData("vX")]
    [InlineData("v23")]
    [InlineData("v23.0.1")]
    [InlineData("V23.0")]
    public async Task BadVersionSegmentAnswersCode100(string version)
    {
        await ShouldBeRejectedAsync(CloudApi.SendAsync(Client, CloudApi.Text("16505551234"), path: $"/{version}/{ParleyFactory.PhoneNumberId}/messages"),
            100, InvalidParameter, details => details.ShouldBe("Invalid version format. Use format like 'v23.0'"));
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("""{"messaging_product":"whatsapp","to":"1650""")]
    [InlineData("""{"messaging_product":"whatsapp",}""")]
    [InlineData("{")]
    [InlineData("")]
    public async Task BodyThatIsNotJsonAnswersCode100(string json)
    {
        await ShouldBeRejectedAsync(CloudApi.SendRawAsync(Client, json),
            100, InvalidParameter, details => details.ShouldStartWith("Invalid JSON in request body"));
    }

    [Theory]
    [InlineData("""[{"messaging_product":"whatsapp","to":"16505551234","text":{"body":"hi"}}]""")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("true")]
    public async Task BodyThatIsNotAJsonObjectAnswersCode100(string json)
    {
        await ShouldBeRejectedAsync(CloudApi.SendRawAsync(Client, json),
            100, InvalidParameter, details => details.ShouldBe("The request body must be a JSON object."));
    }

    [Fact]
    public async Task UnknownTopLevelFieldAnswersCode100()
    {
        var message = new { messaging_product = "whatsapp", to = "16505551234", type = "text", text = new { body = "hi" }, priority = "high" };

        await ShouldBeRejectedAsync(CloudApi.SendAsync(Client, message),
            100, InvalidParameter, details => details.ShouldBe("Unexpected key \"priority\" on param \"message\"."));
    }

    [Fact]
    public async Task MissingMessagingProductAnswersCode100()
    {
        await ShouldBeRejectedAsync(CloudApi.SendAsync(Client, new { to = "16505551234", type = "text", text = new { body = "hi" } }),
            100, InvalidParameter, details => details.ShouldBe("The parameter messaging_product is required."));
    }

    [Fact]
    public async Task MessagingProductOtherThanWhatsAppAnswersCode100()
    {
        await ShouldBeRejectedAsync(CloudApi.SendAsync(Client, new { messaging_product = "instagram", to = "16505551234", type = "text", text = new { body = "hi" } }),
            100, InvalidParameter, details => details.ShouldContain("messaging_product"));
    }

    [Fact]
    public async Task MissingRecipientAnswers131008()
    {
        await ShouldBeRejectedAsync(CloudApi.SendAsync(Client, new { messaging_product = "whatsapp", type = "text", text = new { body = "hi" } }),
            131008, RequiredParameterMissing, details => details.ShouldBe("The parameter to is required."));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"body":""}""")]
    [InlineData("""{"body":null,"preview_url":true}""")]
    public async Task MissingTextBodyAnswers131008(string text)
    {
        var json = $$$"""{"messaging_product":"whatsapp","to":"16505551234","type":"text","text":{{{text}}}}""";

        await ShouldBeRejectedAsync(CloudApi.SendRawAsync(Client, json),
            131008, RequiredParameterMissing, details => details.ShouldBe("The parameter text['body'] is required."));
    }

    [Theory]
    [InlineData(4097, "a")]
    [InlineData(4097, "😀")]
    public async Task TextBodyOver4096CharactersAnswersCode100(int characters, string character)
    {
        var text = string.Concat(Enumerable.Repeat(character, characters));

        await ShouldBeRejectedAsync(CloudApi.SendAsync(Client, CloudApi.Text("16505551234", text)),
            100, InvalidParameter, details => details.ShouldBe("Param text['body'] must be at most 4096 characters long."));
    }

    [Theory]
    [InlineData("""{"body":42}""", "Param text['body'] must be a string.")]
    [InlineData("""{"body":"hi","preview_url":"yes"}""", "Param text['preview_url'] must be a boolean.")]
    [InlineData("""["hi"]""", "Param text must be an object.")]
    public async Task ValueOfTheWrongJsonTypeAnswersCode100(string text, string details)
    {
        var json = $$$"""{"messaging_product":"whatsapp","to":"16505551234","type":"text","text":{{{text}}}}""";

        await ShouldBeRejectedAsync(CloudApi.SendRawAsync(Client, json), 100, InvalidParameter, actual => actual.ShouldBe(details));
    }

    [Theory]
    [InlineData("hologram")]
    [InlineData("TEXT")]
    [InlineData("")]
    public async Task UnknownMessageTypeAnswers131051(string type)
    {
        var json = $$$"""{"messaging_product":"whatsapp","to":"16505551234","type":"{{{type}}}","text":{"body":"hi"}}""";

        await ShouldBeRejectedAsync(CloudApi.SendRawAsync(Client, json),
            131051, "(#131051) Unsupported message type", details => details.ShouldStartWith($"Message type \"{type}\" is not supported."));
    }

    [Theory]
    [InlineData("+15550783881")]
    [InlineData("+1 (555) 078-3881")]
    [InlineData("15550783881")]
    public async Task MessageToTheChannelsOwnNumberAnswers131021(string to)
    {
        await ShouldBeRejectedAsync(CloudApi.SendAsync(Client, CloudApi.Text(to)),
            131021, "(#131021) Recipient cannot be sender", details => details.ShouldBe("Sender and recipient phone number is the same."));
    }

    [Fact]
    public async Task BodyOverTheSizeLimitAnswers413InTheGraphEnvelope()
    {
        var json = $$$"""{"messaging_product":"whatsapp","to":"16505551234","type":"text","text":{"body":"{{{new string('a', 1_500_000)}}}"}}""";

        await ShouldBeRejectedAsync(CloudApi.SendRawAsync(Client, json),
            100, "(#100) Invalid parameter", details => details.ShouldBe("The request body is larger than the limit of 1048576 bytes."), status: HttpStatusCode.RequestEntityTooLarge);
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

        await ShouldBeRejectedAsync(CloudApi.SendAsync(Client, message),
            100, InvalidParameter, details => details.ShouldBe("Param biz_opaque_callback_data must be at most 512 characters long."));
    }

    [Fact]
    public async Task IdempotencyKeyOver255CharactersAnswersCode100()
    {
        await ShouldBeRejectedAsync(CloudApi.SendAsync(Client, CloudApi.Text("16505551234"), idempotencyKey: new string('k', 256)),
            100, InvalidParameter, details => details.ShouldBe("The Idempotency-Key header must be at most 255 characters long."));
    }

    /// <summary>
    /// The answer to <paramref name="sending"/> is <paramref name="status"/> with the Graph error <paramref name="code"/>
    /// and <paramref name="message"/>, whose details pass <paramref name="details"/>; and the demo channel stored nothing.
    /// </summary>
    private async Task ShouldBeRejectedAsync(
        Task<(HttpStatusCode Status, JsonObject Body)> sending, int code, string message, Action<string>? details = null, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var response = await sending;
        response.Status.ShouldBe(status);
        var errorDetails = response.Body.ShouldBeGraphError(code, message);
        details?.Invoke(errorDetails);
        await GraphAssertions.ShouldHaveStoredNothingAsync(Client);
    }
}
