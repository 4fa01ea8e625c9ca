using System.Text.Json.Nodes;
using Parley.Core.Media;

namespace Parley.Core.Tests.Media;

public class MediaRulesTests
{
    [Theory]
    [InlineData("image/jpeg", MediaKind.Image)]
    [InlineData("IMAGE/PNG", MediaKind.Image)]
    [InlineData("image/webp", MediaKind.Sticker)]
    [InlineData("audio/ogg; codecs=opus", MediaKind.Audio)]
    [InlineData("audio/mpeg", MediaKind.Audio)]
    [InlineData("video/3gpp", MediaKind.Video)]
    [InlineData("application/pdf", MediaKind.Document)]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document", MediaKind.Document)]
    [InlineData("text/plain", MediaKind.Document)]
    public void EverySupportedMimeTypeMapsToItsKind(string mimeType, MediaKind kind) =>
        MediaRules.KindOf(mimeType).ShouldBe(kind);

    [Theory]
    [InlineData("image/gif")]
    [InlineData("application/zip")]
    [InlineData("")]
    [InlineData(null)]
    public void UnsupportedMimeTypesHaveNoKind(string? mimeType) => MediaRules.KindOf(mimeType).ShouldBeNull();

    [Fact]
    public void EachKindListsItsMimeTypesAndEachMimeTypeBelongsToOneKind()
    {
        foreach (var kind in Enum.GetValues<MediaKind>())
        {
            foreach (var mime in MediaRules.MimeTypesOf(kind))
            {
                MediaRules.KindOf(mime).ShouldBe(kind);
            }
        }
        MediaRules.SupportedMimeTypes.Count().ShouldBe(MediaRules.SupportedMimeTypes.Distinct().Count());
    }

    [Theory]
    [InlineData(MediaKind.Audio, 16L * 1024 * 1024)]
    [InlineData(MediaKind.Document, 100L * 1024 * 1024)]
    [InlineData(MediaKind.Image, 5L * 1024 * 1024)]
    [InlineData(MediaKind.Sticker, 500L * 1024)]
    [InlineData(MediaKind.Video, 16L * 1024 * 1024)]
    public void SizeLimitsAreMetasPerKind(MediaKind kind, long bytes) => MediaRules.MaxBytes(kind).ShouldBe(bytes);

    [Fact]
    public void UploadOfASupportedTypeWithinItsLimitPasses()
    {
        MediaChecks.CheckUpload("image/png", MediaRules.ImageMaxBytes).ShouldBeNull();
        MediaChecks.CheckUpload("application/pdf", MediaRules.DocumentMaxBytes).ShouldBeNull();
    }

    [Fact]
    public void UploadOfAnUnsupportedTypeFailsWithCode100NamingTheType()
    {
        var error = MediaChecks.CheckUpload("image/gif", 10).ShouldNotBeNull();
        error.Code.ShouldBe(100);
        error.Message.ShouldBe("(#100) Invalid parameter");
        error.Details.ShouldStartWith("Param file must be a file with one of the following types: audio/aac");
        error.Details.ShouldEndWith("Received file of type 'image/gif'.");
    }

    [Fact]
    public void UploadOverItsKindsLimitFailsWithCode100FileSizeTooBig()
    {
        var error = MediaChecks.CheckUpload("image/jpeg", MediaRules.ImageMaxBytes + 1).ShouldNotBeNull();
        error.Code.ShouldBe(100);
        error.Details.ShouldBe("Media file size too big. Max file size we currently support: 5MB.");
        MediaChecks.CheckUpload("image/webp", MediaRules.StickerMaxBytes + 1)!.Details.ShouldContain("500KB");
    }

    [Fact]
    public void MediaOfAnotherKindThanTheMessageFailsWith131053()
    {
        var error = MediaChecks.CheckForMessage(MediaKind.Image, "application/pdf", 10).ShouldNotBeNull();
        error.Code.ShouldBe(131053);
        error.Title.ShouldBe("Media upload error");
        MediaChecks.CheckForMessage(MediaKind.Sticker, "image/png", 10)!.Code.ShouldBe(131053);
        MediaChecks.CheckForMessage(MediaKind.Video, "video/mp4", MediaRules.VideoMaxBytes + 1)!.Code.ShouldBe(131053);
        MediaChecks.CheckForMessage(MediaKind.Image, "image/jpeg", 10).ShouldBeNull();
    }

    [Fact]
    public void AnUnknownMediaIdFailsWithMetasCode100Message()
    {
        var error = MediaChecks.InvalidMediaId("image['id']");
        error.Code.ShouldBe(100);
        error.Message.ShouldBe("(#100) Param image['id'] is not a valid whatsapp business account media attachment ID");
    }

    [Fact]
    public void ReferencesAreFoundInMediaMessagesInteractiveHeadersAndTemplateParameters()
    {
        MediaReferences.Of("image", Json("""{"type":"image","image":{"id":"123","caption":"x"}}"""))
            .ShouldBe([new MediaReference(MediaKind.Image, "123", null, "image['id']")]);
        MediaReferences.Of("sticker", Json("""{"type":"sticker","sticker":{"link":"https://e.com/s.webp"}}"""))
            .ShouldBe([new MediaReference(MediaKind.Sticker, null, "https://e.com/s.webp", "sticker['link']")]);
        MediaReferences.Of("interactive", Json("""{"interactive":{"type":"button","header":{"type":"video","video":{"id":"9"}}}}"""))
            .ShouldBe([new MediaReference(MediaKind.Video, "9", null, "interactive['header']['video']['id']")]);
        MediaReferences.Of("template", Json("""{"template":{"components":[{"type":"body","parameters":[{"type":"text","text":"a"}]},{"type":"header","parameters":[{"type":"document","document":{"link":"https://e.com/a.pdf"}}]}]}}"""))
            .ShouldBe([new MediaReference(MediaKind.Document, null, "https://e.com/a.pdf", "template['components'][1]['parameters'][0]['document']['link']")]);
        MediaReferences.Of("text", Json("""{"text":{"body":"hi"}}""")).ShouldBeEmpty();
    }

    private static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();
}
