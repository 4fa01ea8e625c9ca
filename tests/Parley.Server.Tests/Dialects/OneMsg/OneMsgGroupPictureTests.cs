using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Groups;
using Parley.Server.Tests.Infrastructure;
using SkiaSharp;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>Update Group's <c>profile_picture_file</c> (seed 000: "Profile picture file handle or media ID") by the group picture rules.</summary>
public sealed class OneMsgGroupPictureTests : ParleyTest
{
    private static string DataUri(byte[] bytes, string mimeType = "image/jpeg") => $"data:{mimeType};base64,{Convert.ToBase64String(bytes)}";

    private async Task<string?> PictureOfAsync(string groupId) => (await GroupKit.GetStoredAsync(Parley, groupId))!.PictureMediaId;

    [Fact]
    public async Task AFormDataFileBecomesTheGroupsPicture()
    {
        var id = await OneMsgGroupClient.CreateIdAsync(Client);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(GroupKit.Image(640, 640));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("image/jpeg");
        form.Add(file, "profile_picture_file", "square.jpg");
        form.Add(new StringContent("With a picture"), "description");

        using var response = await Client.PostAsync(OneMsgClient.PathOf("groups/" + id), form);
        var body = await CloudApi.ReadAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body.ToJsonString().ShouldBe("""{"success":true}""");
        (await PictureOfAsync(id)).ShouldNotBeNull();
        (await OneMsgGroupClient.InfoAsync(Client, id))["description"]!.GetValue<string>().ShouldBe("With a picture");
    }

    [Fact]
    public async Task ADataUriOrAMediaIdOfTheChannelBecomesTheGroupsPicture()
    {
        var id = await OneMsgGroupClient.CreateIdAsync(Client);
        var (uploaded, media) = await OneMsgClient.PostJsonAsync(Client, "uploadMedia", new JsonObject { ["body"] = DataUri(GroupKit.Image(300, 300)) }.ToJsonString());
        uploaded.ShouldBe(HttpStatusCode.OK, media.ToJsonString());
        var mediaId = media["mediaId"]!.GetValue<string>();

        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "groups/" + id, new JsonObject { ["profile_picture_file"] = DataUri(GroupKit.Image(256, 256)) }.ToJsonString());
        var fromUri = await PictureOfAsync(id);
        var (byIdStatus, byId) = await OneMsgClient.PostJsonAsync(Client, "groups/" + id, new JsonObject { ["profile_picture_file"] = mediaId }.ToJsonString());

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        fromUri.ShouldNotBeNull();
        fromUri.ShouldNotBe(mediaId);
        byIdStatus.ShouldBe(HttpStatusCode.OK, byId.ToJsonString());
        (await PictureOfAsync(id)).ShouldBe(mediaId);
    }

    [Fact]
    public async Task APictureThatBreaksWhatsAppsRulesIsRefusedAndTheGroupKeepsNone()
    {
        var id = await OneMsgGroupClient.CreateIdAsync(Client);

        string Refused(byte[] bytes, string mimeType = "image/jpeg") => new JsonObject { ["profile_picture_file"] = DataUri(bytes, mimeType) }.ToJsonString();
        OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "groups/" + id, Refused(GroupKit.Image(400, 300)))).ShouldStartWith("(#131209)");
        OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "groups/" + id, Refused(GroupKit.Image(100, 100)))).ShouldStartWith("(#131210)");
        OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "groups/" + id, Refused(GroupKit.Image(256, 256, SKEncodedImageFormat.Png), "image/png")))
            .ShouldStartWith("(#131053)");
        OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "groups/" + id, """{"profile_picture_file":"999999999999"}""")).ShouldStartWith("(#100)");

        (await PictureOfAsync(id)).ShouldBeNull();
    }
}
