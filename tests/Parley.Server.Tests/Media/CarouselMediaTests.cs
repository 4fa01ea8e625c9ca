using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Media;

/// <summary>
/// Media in carousel cards (interactive media carousels, template media card carousels): ids checked when the message is
/// accepted, links fetched at dispatch, like every other media object.
/// </summary>
public sealed class CarouselMediaTests : ParleyTest
{
    private const string User = "16505556001";
    private WebhookReceiver _receiver = null!;
    private LinkServer _server = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _receiver = await WebhookReceiver.StartAsync();
        _server = await LinkServer.StartAsync();
        await Parley.SubscribeAsync(_receiver.Url);
        await CloudApi.UserWritesAsync(Client, User);
    }

    public override async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _server.DisposeAsync();
        await base.DisposeAsync();
    }

    private static JsonObject InteractiveCarousel(string firstImage, string secondImage) => JsonNode.Parse("""
        {"messaging_product":"whatsapp","to":"@USER","type":"interactive","interactive":{"type":"carousel","body":{"text":"Our picks"},"action":{"cards":[
          {"card_index":0,"type":"cta_url","header":{"type":"image","image":@FIRST},"body":{"text":"Blue"},
           "action":{"name":"cta_url","parameters":{"display_text":"Buy","url":"https://shop.example.com/1"}}},
          {"card_index":1,"type":"cta_url","header":{"type":"image","image":@SECOND},"body":{"text":"Red"},
           "action":{"name":"cta_url","parameters":{"display_text":"Buy","url":"https://shop.example.com/2"}}}]}}}
        """.Replace("@USER", User, StringComparison.Ordinal).Replace("@FIRST", firstImage, StringComparison.Ordinal)
            .Replace("@SECOND", secondImage, StringComparison.Ordinal))!.AsObject();

    private static JsonObject TemplateCarousel(string firstImage, string secondImage) => JsonNode.Parse("""
        {"messaging_product":"whatsapp","to":"@USER","type":"template","template":{"name":"summer_carousel","language":{"code":"en_US"},"components":[
          {"type":"body","parameters":[{"type":"text","text":"Ana"}]},
          {"type":"carousel","cards":[
            {"card_index":0,"components":[{"type":"header","parameters":[{"type":"image","image":@FIRST}]},{"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"card-0"}]}]},
            {"card_index":1,"components":[{"type":"header","parameters":[{"type":"image","image":@SECOND}]},{"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"card-1"}]}]}]}]}}
        """.Replace("@USER", User, StringComparison.Ordinal).Replace("@FIRST", firstImage, StringComparison.Ordinal)
            .Replace("@SECOND", secondImage, StringComparison.Ordinal))!.AsObject();

    private static string Id(string id) => $$"""{"id":"{{id}}"}""";

    private string Link(string path) => $$"""{"link":"{{_server.Url(path)}}"}""";

    private async Task<JsonObject> FinalStatusAsync(string id)
    {
        var status = await Eventually.Get(
            () => _receiver.Statuses().FirstOrDefault(s => s["id"]!.GetValue<string>() == id && s["status"]!.GetValue<string>() is "delivered" or "failed"),
            s => s is not null);
        return status.ShouldNotBeNull($"no final status webhook for {id}");
    }

    [Fact]
    public async Task AnUnknownMediaIdInAnInteractiveCarouselCardIsRefusedAtOnceNamingTheCard()
    {
        var image = await MediaCalls.UploadOkAsync(Client, MediaCalls.Bytes(100), "image/png");

        var (status, body) = await CloudApi.SendAsync(Client, InteractiveCarousel(Id(image), Id("1234567890123456")));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["message"]!.GetValue<string>()
            .ShouldBe("(#100) Param interactive['action']['cards'][1]['header']['image']['id'] is not a valid whatsapp business account media attachment ID");
        var delivered = await CloudApi.SendOkAsync(Client, InteractiveCarousel(Id(image), Id(image)));
        (await FinalStatusAsync(delivered))["status"]!.GetValue<string>().ShouldBe("delivered");
    }

    [Fact]
    public async Task AnUnknownMediaIdInATemplateCarouselCardIsRefusedAtOnceNamingTheCard()
    {
        await SampleTemplateFixtures.CreateAsync(Client);
        var image = await MediaCalls.UploadOkAsync(Client, MediaCalls.Bytes(100), "image/jpeg");

        var (status, body) = await CloudApi.SendAsync(Client, TemplateCarousel(Id("1234567890123456"), Id(image)));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["message"]!.GetValue<string>()
            .ShouldBe("(#100) Param template['components'][1]['cards'][0]['components'][0]['parameters'][0]['image']['id'] is not a valid whatsapp business account media attachment ID");
        var delivered = await CloudApi.SendOkAsync(Client, TemplateCarousel(Id(image), Id(image)));
        (await FinalStatusAsync(delivered))["status"]!.GetValue<string>().ShouldBe("delivered");
    }

    [Fact]
    public async Task CarouselCardLinksAreFetchedAtDispatchAndAFailingOneFailsTheMessageWith131053()
    {
        await SampleTemplateFixtures.CreateAsync(Client);
        _server.Serve("/blue.png", new LinkServer.Asset(MediaCalls.Bytes(200), "image/png"));

        var interactive = await CloudApi.SendOkAsync(Client, InteractiveCarousel(Link("/blue.png"), Link("/missing.png")));
        var template = await CloudApi.SendOkAsync(Client, TemplateCarousel(Link("/blue.png"), Link("/missing.png")));

        foreach (var id in new[] { interactive, template })
        {
            var status = await FinalStatusAsync(id);
            status["status"]!.GetValue<string>().ShouldBe("failed");
            status["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131053);
            status["errors"]![0]!["error_data"]!["details"]!.GetValue<string>().ShouldContain("HTTP 404");
        }
        _server.Requests.ShouldContain("GET /missing.png 404");

        var delivered = await CloudApi.SendOkAsync(Client, InteractiveCarousel(Link("/blue.png"), Link("/blue.png")));
        (await FinalStatusAsync(delivered))["status"]!.GetValue<string>().ShouldBe("delivered");
    }
}
