using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Media;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary><c>GET|POST /me</c> (seed 000) over the profile the Cloud API's <c>/whatsapp_business_profile</c> shows.</summary>
public sealed class OneMsgProfileTests : ParleyTest
{
    private const string ProfilePath = $"/v23.0/{ParleyFactory.PhoneNumberId}/whatsapp_business_profile";

    private async Task<JsonObject> CloudProfileAsync()
    {
        using var response = await Client.GetAsync(ProfilePath + "?fields=about,address,description,email,vertical,websites");
        var body = await CloudApi.ReadAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body["data"]![0]!.AsObject();
    }

    [Fact]
    public async Task ChangesThroughOneMsgShowInTheCloudApiProfile()
    {
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "me",
            """{"about":"Open 9-5","address":"1 Hacker Way","description":"We sell apples","email":"shop@example.com","vertical":"Food and Grocery","websites":["https://shop.example.com"]}""");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["result"]!.GetValue<string>().ShouldBe("success");

        var cloud = await CloudProfileAsync();
        cloud["about"]!.GetValue<string>().ShouldBe("Open 9-5");
        cloud["address"]!.GetValue<string>().ShouldBe("1 Hacker Way");
        cloud["description"]!.GetValue<string>().ShouldBe("We sell apples");
        cloud["email"]!.GetValue<string>().ShouldBe("shop@example.com");
        cloud["vertical"]!.GetValue<string>().ShouldBe("GROCERY");
        cloud["websites"]![0]!.GetValue<string>().ShouldBe("https://shop.example.com");
    }

    [Fact]
    public async Task ChangesThroughTheCloudApiShowInOneMsgsMe()
    {
        using (var update = await Client.PostAsync(ProfilePath, new StringContent(
            """{"messaging_product":"whatsapp","about":"Hello","email":"a@example.com","vertical":"PROF_SERVICES"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            update.StatusCode.ShouldBe(HttpStatusCode.OK, await update.Content.ReadAsStringAsync());
        }
        var (status, me) = await OneMsgClient.GetAsync(Client, "me");
        status.ShouldBe(HttpStatusCode.OK, me.ToJsonString());
        me["about"]!.GetValue<string>().ShouldBe("Hello");
        me["email"]!.GetValue<string>().ShouldBe("a@example.com");
        me["vertical"]!.GetValue<string>().ShouldBe("Professional Services");
        me["phone"]!.GetValue<string>().ShouldBe(ParleyFactory.DisplayPhoneNumber);
        me["photo"].ShouldBeNull();
    }

    [Fact]
    public async Task APhotoAsABase64DataUriIsStoredAndShownAsADownloadUrl()
    {
        var bytes = MediaCalls.Bytes(500);
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "me",
            new JsonObject { ["photo"] = $"data:image/jpeg;base64,{Convert.ToBase64String(bytes)}" }.ToJsonString());
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());

        var (_, me) = await OneMsgClient.GetAsync(Client, "me");
        var photo = me["photo"]!.GetValue<string>();
        using var download = await Client.GetAsync(new Uri(photo).PathAndQuery);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
    }

    [Fact]
    public async Task APhotoAsAFormFileIsStored()
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(MediaCalls.Bytes(300));
        part.Headers.ContentType = MediaTypeHeaderValue.Parse("image/png");
        form.Add(part, "photo", "logo.png");
        form.Add(new StringContent("With a logo"), "about");
        using var response = await Client.PostAsync(OneMsgClient.PathOf("me"), form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var (_, me) = await OneMsgClient.GetAsync(Client, "me");
        me["about"]!.GetValue<string>().ShouldBe("With a logo");
        me["photo"]!.GetValue<string>().ShouldContain("/media/profile-pictures/");
    }

    [Theory]
    [InlineData("""{"description":"DESC"}""", HttpStatusCode.BadRequest, "256")]
    [InlineData("""{"vertical":"Spaceships"}""", HttpStatusCode.BadRequest, "vertical")]
    [InlineData("""{"email":"not-an-email"}""", HttpStatusCode.BadRequest, "email")]
    [InlineData("""{"phone":"19995550000"}""", HttpStatusCode.BadRequest, "phone")]
    [InlineData("""{"photo":"data:application/pdf;base64,JVBERi0="}""", HttpStatusCode.BadRequest, "JPEG or PNG")]
    [InlineData("{}", HttpStatusCode.UnprocessableEntity, "At least one")]
    public async Task BadProfileChangesAreRefusedAndChangeNothing(string json, HttpStatusCode expected, string reason)
    {
        json = json.Replace("DESC", new string('d', 257), StringComparison.Ordinal);
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "me", json);
        status.ShouldBe(expected, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldContain(reason);
        var (_, me) = await OneMsgClient.GetAsync(Client, "me");
        me["description"]!.GetValue<string>().ShouldBe("");
        me["email"]!.GetValue<string>().ShouldBe("");
    }
}
