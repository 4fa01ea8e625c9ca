using System.Net;
using Parley.Core.Media;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Media;

/// <summary><c>POST /{phone-number-id}/media</c>: Meta's errors for missing fields, unsupported types and oversize files.</summary>
public sealed class MediaUploadTests : ParleyTest
{
    [Fact]
    public async Task UploadOfAnUnsupportedMimeTypeFailsWithCode100NamingTheType()
    {
        var (status, body) = await MediaCalls.UploadAsync(Client, MediaCalls.Bytes(10), "image/gif", "image/gif");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["message"]!.GetValue<string>().ShouldBe("(#100) Invalid parameter");
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldEndWith("Received file of type 'image/gif'.");
        Blobs().ShouldBeEmpty();
    }

    [Fact]
    public async Task UploadOverTheKindsLimitFailsWithFileSizeTooBigAndKeepsNothing()
    {
        var (status, body) = await MediaCalls.UploadAsync(Client, new byte[MediaRules.ImageMaxBytes + 1], "image/jpeg", "image/jpeg");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe("Media file size too big. Max file size we currently support: 5MB.");
        Blobs().ShouldBeEmpty();
    }

    [Fact]
    public async Task StickerOverFiveHundredKilobytesIsRefusedButADocumentOfTheSameSizeIsTaken()
    {
        var bytes = new byte[MediaRules.StickerMaxBytes + 1];
        (await MediaCalls.UploadAsync(Client, bytes, "image/webp", "image/webp")).Body.Error()["error_data"]!["details"]!
            .GetValue<string>().ShouldBe("Media file size too big. Max file size we currently support: 500KB.");
        (await MediaCalls.UploadAsync(Client, bytes, "application/pdf", "application/pdf")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UploadLargerThanTheGeneralBodyLimitIsTakenOnTheMediaRoute()
    {
        var bytes = MediaCalls.Bytes(3 * 1024 * 1024);
        var id = await MediaCalls.UploadOkAsync(Client, bytes, "video/mp4");

        var (_, media) = await MediaCalls.GetAsync(Client, id);
        media["file_size"]!.GetValue<long>().ShouldBe(bytes.Length);
    }

    [Theory]
    [InlineData(null, "image/png", "The parameter messaging_product is required.")]
    [InlineData("sms", "image/png", "Param messaging_product must be one of {WHATSAPP} - got \"sms\".")]
    public async Task UploadWithoutItsFieldsFailsWithCode100(string? product, string? type, string details)
    {
        var (status, body) = await MediaCalls.UploadAsync(Client, MediaCalls.Bytes(10), "image/png", type, product);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe(details);
        Blobs().ShouldBeEmpty();
    }

    [Fact]
    public async Task UploadWithoutTypeTakesTheFilePartsContentType()
    {
        var bytes = MediaCalls.Bytes(1234);
        var (status, body) = await MediaCalls.UploadAsync(Client, bytes, "image/png", type: null);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var (_, media) = await MediaCalls.GetAsync(Client, body["id"]!.GetValue<string>());
        media["mime_type"]!.GetValue<string>().ShouldBe("image/png");
        media["file_size"]!.GetValue<long>().ShouldBe(1234);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/octet-stream")]
    public async Task UploadWithoutTypeAndWithoutAFileContentTypeFailsWithCode100(string? partType)
    {
        var (status, body) = await MediaCalls.UploadAsync(Client, MediaCalls.Bytes(10), partType, type: null);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe("The parameter type is required.");
        Blobs().ShouldBeEmpty();
    }

    [Fact]
    public async Task MessagingProductMayComeInTheQueryString()
    {
        var (status, body) = await MediaCalls.UploadAsync(Client, MediaCalls.Bytes(10), "image/jpeg", "image/jpeg", messagingProduct: null,
            path: MediaCalls.UploadPath + "?messaging_product=whatsapp");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        (await MediaCalls.GetAsync(Client, body["id"]!.GetValue<string>())).Body["mime_type"]!.GetValue<string>().ShouldBe("image/jpeg");
    }

    [Fact]
    public async Task UploadWithoutAFileFailsWithCode100()
    {
        var (status, body) = await MediaCalls.UploadAsync(Client, null, null, "image/png");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe("The parameter file is required.");
    }

    [Fact]
    public async Task UploadAsJsonIsRefusedWithCode100()
    {
        var (status, body) = await CloudApi.SendRawAsync(Client, """{"messaging_product":"whatsapp"}""", MediaCalls.UploadPath);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
    }

    [Fact]
    public async Task FilePartWithoutAContentTypeTakesTheTypeField()
    {
        var (status, body) = await MediaCalls.UploadAsync(Client, MediaCalls.Bytes(10), "application/octet-stream", "text/plain");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        (await MediaCalls.GetAsync(Client, body["id"]!.GetValue<string>())).Body["mime_type"]!.GetValue<string>().ShouldBe("text/plain");
    }

    [Fact]
    public async Task UploadNeedsAValidTokenForThePhoneNumber()
    {
        using var anonymous = Parley.CreateClient();
        (await MediaCalls.UploadAsync(anonymous, MediaCalls.Bytes(10), "image/png", "image/png")).Body.Code().ShouldBe(104);
        using var wrong = Parley.CreateChannelClient("EAAnot-a-token");
        (await MediaCalls.UploadAsync(wrong, MediaCalls.Bytes(10), "image/png", "image/png")).Body.Code().ShouldBe(190);
    }

    private string[] Blobs()
    {
        var root = Path.Combine(Parley.DataDirectory, "media");
        return Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories) : [];
    }
}
