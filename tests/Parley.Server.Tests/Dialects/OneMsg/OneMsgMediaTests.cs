using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Media;
using Parley.Storage;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>
/// 1msg files and media (seed 000 "Send a File", "Upload media &amp; get mediaId"; digest A.7): data URIs, form-data
/// files and links become the channel's media objects, the same ones the Cloud API's <c>/{version}/{media-id}</c> shows.
/// </summary>
public sealed class OneMsgMediaTests : ParleyTest
{
    private const string User = "12020721369";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CloudApi.UserWritesAsync(Client, User);
    }

    private static string DataUri(byte[] bytes, string mimeType) => $"data:{mimeType};base64,{Convert.ToBase64String(bytes)}";

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostFileAsync(string method, byte[] file, string? contentType, string fileName, IDictionary<string, string> fields)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        var part = new ByteArrayContent(file);
        if (contentType is not null)
        {
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        form.Add(part, "body", fileName);
        using var response = await Client.PostAsync(OneMsgClient.PathOf(method), form);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    [Fact]
    public async Task SendFileWithABase64DataUriStoresTheBytesAndSendsTheImageById()
    {
        var bytes = MediaCalls.Bytes(2000);
        var id = await OneMsgClient.SentAsync(Client, "sendFile",
            new JsonObject { ["phone"] = User, ["body"] = DataUri(bytes, "image/jpeg"), ["filename"] = "cat.jpg", ["caption"] = "A cat" }.ToJsonString());

        var stored = await CloudApi.GetMessageAsync(Client, id);
        stored["message"]!["type"]!.GetValue<string>().ShouldBe("image");
        var image = stored["message"]!["image"]!.AsObject();
        image["caption"]!.GetValue<string>().ShouldBe("A cat");
        var mediaId = image["id"]!.GetValue<string>();
        var (status, media) = await MediaCalls.GetAsync(Client, mediaId);
        status.ShouldBe(HttpStatusCode.OK, media.ToJsonString());
        media["mime_type"]!.GetValue<string>().ShouldBe("image/jpeg");
        media["file_size"]!.GetValue<long>().ShouldBe(2000);
    }

    [Fact]
    public async Task SendFileWithAFormDataFileSendsADocumentWithItsFileName()
    {
        var (status, body) = await PostFileAsync("sendFile", MediaCalls.Bytes(700), "application/pdf", "terms.pdf",
            new Dictionary<string, string> { ["chatId"] = $"{User}@c.us", ["caption"] = "Our terms" });
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["sent"]!.GetValue<bool>().ShouldBeTrue();

        var stored = await CloudApi.GetMessageAsync(Client, body["id"]!.GetValue<string>());
        stored["message"]!["type"]!.GetValue<string>().ShouldBe("document");
        var document = stored["message"]!["document"]!.AsObject();
        document["filename"]!.GetValue<string>().ShouldBe("terms.pdf");
        document["caption"]!.GetValue<string>().ShouldBe("Our terms");
        var (mediaStatus, media) = await MediaCalls.GetAsync(Client, document["id"]!.GetValue<string>());
        mediaStatus.ShouldBe(HttpStatusCode.OK, media.ToJsonString());
        media["mime_type"]!.GetValue<string>().ShouldBe("application/pdf");
    }

    [Fact]
    public async Task AFormFileWithoutAContentTypeTakesItsTypeFromTheFileName()
    {
        var (status, body) = await PostFileAsync("sendFile", MediaCalls.Bytes(300), "application/octet-stream", "photo.png",
            new Dictionary<string, string> { ["phone"] = User });
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var stored = await CloudApi.GetMessageAsync(Client, body["id"]!.GetValue<string>());
        stored["message"]!["type"]!.GetValue<string>().ShouldBe("image");
    }

    [Fact]
    public async Task SendFileByMediaIdFromUploadMediaTakesTheStoredKindWhenMediaTypeIsLeftOut()
    {
        var (uploadStatus, uploaded) = await OneMsgClient.PostJsonAsync(Client, "uploadMedia",
            new JsonObject { ["body"] = DataUri(MediaCalls.Bytes(900), "video/mp4") }.ToJsonString());
        uploadStatus.ShouldBe(HttpStatusCode.OK, uploaded.ToJsonString());
        var mediaId = uploaded["mediaId"]!.GetValue<string>();

        var id = await OneMsgClient.SentAsync(Client, "sendFile", new JsonObject { ["phone"] = User, ["mediaId"] = mediaId }.ToJsonString());
        var stored = await CloudApi.GetMessageAsync(Client, id);
        stored["message"]!["type"]!.GetValue<string>().ShouldBe("video");
        stored["message"]!["video"]!["id"]!.GetValue<string>().ShouldBe(mediaId);
    }

    [Theory]
    [InlineData("""{"phone":"12020721369","mediaId":"1234567890123456","mediaType":"image"}""", "not a valid whatsapp business account media attachment ID")]
    [InlineData("""{"phone":"12020721369","body":"data:image/jpeg;base64,@@@","filename":"a.jpg"}""", "not valid base64")]
    [InlineData("""{"phone":"12020721369","body":"data:;base64,AAAA","filename":"a.jpg"}""", "MIME type")]
    [InlineData("""{"phone":"12020721369","body":"data:image/jpeg,AAAA","filename":"a.jpg"}""", "base64 data URI")]
    [InlineData("""{"phone":"12020721369","body":"data:application/x-msdownload;base64,AAAA","filename":"a.exe"}""", "Received file of type 'application/x-msdownload'")]
    [InlineData("""{"phone":"12020721369","body":"ftp://example.com/a.jpg","filename":"a.jpg"}""", "http(s) link")]
    public async Task BadFilesAre400InOneMsgsFormat(string json, string reason)
    {
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "sendFile", json);
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldContain(reason);
    }

    [Fact]
    public async Task AFileOverItsKindsLimitIs400AndNothingIsStored()
    {
        // Images are at most 5 MB (cloud-api-digest, media).
        var (status, body) = await PostFileAsync("sendFile", new byte[(5 * 1024 * 1024) + 1], "image/png", "big.png",
            new Dictionary<string, string> { ["phone"] = User });
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldContain("Media file size too big");
        var (_, history) = await OneMsgClient.GetAsync(Client, "messages", "&lastMessageNumber=1");
        history["messages"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task AFileOfARefusedMessageIsNotKept()
    {
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "sendFile",
            new JsonObject { ["phone"] = User, ["body"] = DataUri(MediaCalls.Bytes(50), "image/png"), ["caption"] = new string('c', 1025) }.ToJsonString());
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        // Every media object that is not deleted expires some time: none is left.
        var store = Parley.Services.GetRequiredService<IMediaStore>();
        (await store.ListExpiredAsync(DateTimeOffset.UtcNow.AddYears(10), 100, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task UploadMediaTakesAFormFileAndTheCloudApiSeesTheSameMedia()
    {
        var bytes = MediaCalls.Bytes(1234);
        var (status, body) = await PostFileAsync("uploadMedia", bytes, "image/png", "logo.png", new Dictionary<string, string>());
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var mediaId = body["mediaId"]!.GetValue<string>();

        var (graphStatus, graph) = await MediaCalls.GetAsync(Client, mediaId);
        graphStatus.ShouldBe(HttpStatusCode.OK, graph.ToJsonString());
        graph["id"]!.GetValue<string>().ShouldBe(mediaId);
        graph["mime_type"]!.GetValue<string>().ShouldBe("image/png");

        var (retrieveStatus, retrieved) = await OneMsgClient.GetAsync(Client, "retrieveMedia", $"&mediaId={mediaId}");
        retrieveStatus.ShouldBe(HttpStatusCode.OK, retrieved.ToJsonString());
        retrieved["id"]!.GetValue<string>().ShouldBe(mediaId);
        retrieved["mimeType"]!.GetValue<string>().ShouldBe("image/png");
        retrieved["fileSize"]!.GetValue<long>().ShouldBe(1234);
        retrieved["sha256"]!.GetValue<string>().ShouldBe(graph["sha256"]!.GetValue<string>());
        using var download = await Client.GetAsync(new Uri(retrieved["url"]!.GetValue<string>()).PathAndQuery);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
    }

    [Fact]
    public async Task UploadMediaTakesALinkAndStoresWhatItServes()
    {
        await using var server = await LinkServer.StartAsync();
        server.Serve("/terms.pdf", new LinkServer.Asset(MediaCalls.Bytes(400), "application/pdf"));
        var (status, body) = await OneMsgClient.PostFormAsync(Client, "uploadMedia", "body=" + Uri.EscapeDataString(server.Url("/terms.pdf")));
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());

        var (graphStatus, graph) = await MediaCalls.GetAsync(Client, body["mediaId"]!.GetValue<string>());
        graphStatus.ShouldBe(HttpStatusCode.OK, graph.ToJsonString());
        graph["mime_type"]!.GetValue<string>().ShouldBe("application/pdf");
        graph["file_size"]!.GetValue<long>().ShouldBe(400);
    }

    [Fact]
    public async Task UploadMediaWithoutAFileIs400()
    {
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "uploadMedia", "{}");
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldContain("body");
    }

    [Fact]
    public async Task ACloudApiUploadCanBeRetrievedAndDeletedThroughOneMsg()
    {
        var mediaId = await MediaCalls.UploadOkAsync(Client, MediaCalls.Bytes(64), "image/jpeg");
        using var response = await Client.DeleteAsync(OneMsgClient.PathOf($"media/{mediaId}"));
        var body = await CloudApi.ReadAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["result"]!.GetValue<string>().ShouldBe("success");

        var (graphStatus, graph) = await MediaCalls.GetAsync(Client, mediaId);
        graphStatus.ShouldBe(HttpStatusCode.BadRequest, graph.ToJsonString());
        var (retrieveStatus, retrieved) = await OneMsgClient.GetAsync(Client, "retrieveMedia", $"&mediaId={mediaId}");
        retrieveStatus.ShouldBe(HttpStatusCode.BadRequest, retrieved.ToJsonString());
        retrieved["error"]!.GetValue<string>().ShouldContain("not a valid whatsapp business account media attachment ID");
    }

    [Fact]
    public async Task TheLegacyDeleteMediaDeletesByBodyMediaIdAndASecondDeleteIs400()
    {
        var (_, uploaded) = await OneMsgClient.PostJsonAsync(Client, "uploadMedia", new JsonObject { ["body"] = DataUri(MediaCalls.Bytes(10), "image/png") }.ToJsonString());
        var mediaId = uploaded["mediaId"]!.GetValue<string>();

        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "deleteMedia", new JsonObject { ["mediaId"] = mediaId }.ToJsonString());
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["result"]!.GetValue<string>().ShouldBe("success");
        (await MediaCalls.GetAsync(Client, mediaId)).Status.ShouldBe(HttpStatusCode.BadRequest);

        var again = await OneMsgClient.PostJsonAsync(Client, "deleteMedia", new JsonObject { ["mediaId"] = mediaId }.ToJsonString());
        again.Status.ShouldBe(HttpStatusCode.BadRequest, again.Body.ToJsonString());
    }

    [Fact]
    public async Task AnotherChannelsTokenCannotReachTheMedia()
    {
        var mediaId = await MediaCalls.UploadOkAsync(Client, MediaCalls.Bytes(64), "image/jpeg");
        using var client = Parley.CreateClient();
        using var response = await client.GetAsync(OneMsgClient.PathOf("retrieveMedia", "wrong-token", $"&mediaId={mediaId}"));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await MediaCalls.GetAsync(Client, mediaId)).Status.ShouldBe(HttpStatusCode.OK);
    }
}
