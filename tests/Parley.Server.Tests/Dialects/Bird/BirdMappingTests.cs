using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Server.Dialects.Bird;

namespace Parley.Server.Tests.Dialects.Bird;

/// <summary>The pure mapping Channels request → canonical Cloud API messages, on the seed's example bodies.</summary>
public sealed class BirdMappingTests
{
    private static (BirdSendRequest? Request, BirdError? Error) Map(object body)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(new
        {
            receiver = new { contacts = new[] { new { identifierKey = "phonenumber", identifierValue = "+31612345678" } } },
            body,
        }));
        return BirdRequestMapper.Map(document.RootElement);
    }

    private static List<JsonObject> Messages(object body)
    {
        var (request, error) = Map(body);
        error.ShouldBeNull(error?.ToJson().ToJsonString());
        request!.Messages.ShouldAllBe(m => m["to"]!.GetValue<string>() == "+31612345678" && m["messaging_product"]!.GetValue<string>() == "whatsapp");
        return [.. request.Messages];
    }

    [Fact]
    public void TextWithoutActionsIsAWhatsAppTextWithItsLinkPreviewSetting()
    {
        var message = Messages(new { type = "text", text = new { text = "https://bird.com", metadata = new { whatsapp = new { previewUrl = true } } } }).Single();

        message["type"]!.GetValue<string>().ShouldBe("text");
        message["text"]!["body"]!.GetValue<string>().ShouldBe("https://bird.com");
        message["text"]!["preview_url"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void TextWithOneLinkActionIsACtaUrlMessage()
    {
        var message = Messages(new { type = "text", text = new { text = "Read more", actions = new[] { new { type = "link", link = new { text = "Open", url = "https://bird.com" } } } } }).Single();

        message["interactive"]!["type"]!.GetValue<string>().ShouldBe("cta_url");
        message["interactive"]!["action"]!["parameters"]!["url"]!.GetValue<string>().ShouldBe("https://bird.com");
    }

    [Fact]
    public void SingleImageWithTextTakesTheTextAsCaption()
    {
        var message = Messages(new { type = "image", image = new { text = "Our shop", images = new[] { new { mediaUrl = "https://example.com/a.jpg", altText = "Shop" } } } }).Single();

        message["image"]!["caption"]!.GetValue<string>().ShouldBe("Our shop");
        message["image"]!["link"]!.GetValue<string>().ShouldBe("https://example.com/a.jpg");
    }

    [Fact]
    public void MultipleImagesWithLabelsAndActionsEndWithAnInteractiveMessageOnTheLastImage()
    {
        var messages = Messages(new
        {
            type = "image",
            image = new
            {
                text = "Which one?",
                images = new[] { new { mediaUrl = "https://example.com/a.jpg", altText = "A" }, new { mediaUrl = "https://example.com/b.jpg", altText = "B" } },
                actions = new[] { new { type = "reply", reply = new { text = "A" } }, new { type = "reply", reply = new { text = "B" } } },
            },
        });

        messages.Select(m => m["type"]!.GetValue<string>()).ShouldBe(["image", "interactive"]);
        messages[0]["image"]!["caption"]!.GetValue<string>().ShouldBe("A");
        messages[1]["interactive"]!["header"]!["image"]!["link"]!.GetValue<string>().ShouldBe("https://example.com/b.jpg");
        messages[1]["interactive"]!["body"]!["text"]!.GetValue<string>().ShouldBe("Which one?");
    }

    [Fact]
    public void FileWithActionsPutsTheDocumentInTheHeaderAndFilesMapByContentType()
    {
        var messages = Messages(new
        {
            type = "file",
            file = new
            {
                text = "Your invoice",
                files = new[]
                {
                    new { contentType = "audio/ogg", mediaUrl = "https://example.com/hello.ogg", filename = "hello.ogg" },
                    new { contentType = "application/pdf", mediaUrl = "https://example.com/invoice.pdf", filename = "invoice.pdf" },
                },
                actions = new object[] { new { type = "postback", postback = new { text = "Pay", payload = "pay" } }, new { type = "reply", reply = new { text = "Later" } } },
            },
        });

        messages.Select(m => m["type"]!.GetValue<string>()).ShouldBe(["audio", "interactive"]);
        var header = messages[1]["interactive"]!["header"]!;
        header["type"]!.GetValue<string>().ShouldBe("document");
        header["document"]!["filename"]!.GetValue<string>().ShouldBe("invoice.pdf");
    }

    [Fact]
    public void ListWithoutSectionsIsOneUntitledSectionWithTheDefaultButton()
    {
        var message = Messages(new
        {
            type = "list",
            list = new { text = "Choose", items = new[] { new { actions = new[] { new { type = "postback", postback = new { text = "One", payload = "1" } } } } } },
        }).Single();

        var action = message["interactive"]!["action"]!;
        action["button"]!.GetValue<string>().ShouldBe(BirdBodyMapper.DefaultListButtonLabel);
        var section = action["sections"]!.AsArray().ShouldHaveSingleItem()!;
        section.AsObject().ContainsKey("title").ShouldBeFalse();
        section["rows"]![0]!["id"]!.GetValue<string>().ShouldBe("1");
    }

    [Fact]
    public void CarouselOfVideosUsesVideoHeaders()
    {
        var link = new[] { new { type = "link", link = new { text = "Watch", url = "https://example.com" } } };
        var message = Messages(new
        {
            type = "carousel",
            carousel = new
            {
                text = "Clips",
                items = new[] { new { title = "One", mediaUrl = "https://example.com/1.mp4", actions = link }, new { title = "Two", mediaUrl = "https://example.com/2.3gp", actions = link } },
            },
        }).Single();

        message["interactive"]!["action"]!["cards"]!.AsArray().ShouldAllBe(c => c!["header"]!["type"]!.GetValue<string>() == "video");
    }

    [Fact]
    public void CarouselMixingImagesAndVideosIsRejected()
    {
        var link = new[] { new { type = "link", link = new { text = "Go", url = "https://example.com" } } };
        var (_, error) = Map(new
        {
            type = "carousel",
            carousel = new
            {
                text = "Mixed",
                items = new[] { new { title = "One", mediaUrl = "https://example.com/1.jpg", actions = link }, new { title = "Two", mediaUrl = "https://example.com/2.mp4", actions = link } },
            },
        });

        error.ShouldNotBeNull().Status.ShouldBe(422);
        error.Details!["body.carousel.items"].ShouldContain("every card's media must be an image, or every card's a video");
    }

    [Fact]
    public void TemplateParametersAndVariablesBecomeNamedBodyParameters()
    {
        using var document = JsonDocument.Parse("""
            {"receiver":{"contacts":[{"identifierValue":"+31612345678"}]},
             "template":{"name":"order_update","locale":"nl","parameters":[{"type":"number","key":"count","value":3}],"variables":{"city":"Amsterdam"}}}
            """);
        var (request, error) = BirdRequestMapper.Map(document.RootElement);

        error.ShouldBeNull();
        request!.IsTemplate.ShouldBeTrue();
        var template = request.Messages.Single()["template"]!;
        template["language"]!["code"]!.GetValue<string>().ShouldBe("nl");
        template["components"]![0]!["parameters"]!.AsArray().Select(p => (p!["parameter_name"]!.GetValue<string>(), p["text"]!.GetValue<string>()))
            .ShouldBe([("count", "3"), ("city", "Amsterdam")]);
    }

    [Fact]
    public void BodyAndTemplateTogetherOrNeitherAreRejectedPerField()
    {
        using var both = JsonDocument.Parse("""{"receiver":{"contacts":[{"identifierValue":"+31612345678"}]},"body":{"type":"text","text":{"text":"x"}},"template":{"name":"t","locale":"en"}}""");
        using var neither = JsonDocument.Parse("""{"receiver":{"contacts":[{"identifierValue":"+31612345678"}]}}""");

        BirdRequestMapper.Map(both.RootElement).Error!.Details!.ContainsKey("template").ShouldBeTrue();
        BirdRequestMapper.Map(neither.RootElement).Error!.Details!.ContainsKey("body").ShouldBeTrue();
    }

    [Theory]
    [InlineData("https://example.com/a.JPG", "image")]
    [InlineData("https://example.com/a.png?size=large", "image")]
    [InlineData("https://example.com/a.mp4", "video")]
    [InlineData("https://example.com/a.gif", null)]
    public void CarouselMediaKindComesFromTheFileExtension(string url, string? kind) =>
        BirdBodyMapper.CarouselMediaKind(url).ShouldBe(kind);

    [Fact]
    public void ContactIdsAreStablePerChannelAndUser()
    {
        var id = BirdIds.Contact("106540352242922", "31612345678");

        id.ShouldBe(BirdIds.Contact("106540352242922", "31612345678"));
        id.ShouldNotBe(BirdIds.Contact("106540352242923", "31612345678"));
        Guid.Parse(id).Version.ShouldBe(5);
    }
}
