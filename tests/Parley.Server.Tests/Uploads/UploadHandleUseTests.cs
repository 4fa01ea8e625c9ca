using System.Net;
using System.Text.Json.Nodes;
using Parley.Core.Errors;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.CloudApiDialect;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Uploads;

/// <summary>Where handles go: template media header samples and the business profile picture.</summary>
public sealed class UploadHandleUseTests : ParleyTest
{
    private const string ProfilePath = $"/v23.0/{ParleyFactory.PhoneNumberId}/whatsapp_business_profile";

    private static JsonObject ImageHeaderTemplate(string handle, string name = "spring_sale") => JsonNode.Parse($$$"""
        {"name":"{{{name}}}","language":"en_US","category":"MARKETING","components":[
          {"type":"HEADER","format":"IMAGE","example":{"header_handle":["{{{handle}}}"]}},
          {"type":"BODY","text":"Spring is here."}]}
        """)!.AsObject();

    private static JsonObject CarouselTemplate(string firstHandle, string secondHandle) => JsonNode.Parse($$$"""
        {"name":"spring_cards","language":"en_US","category":"MARKETING","components":[
          {"type":"BODY","text":"Our spring picks."},
          {"type":"CAROUSEL","cards":[
            {"components":[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["{{{firstHandle}}}"]}},{"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Pick"}]}]},
            {"components":[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["{{{secondHandle}}}"]}},{"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Pick"}]}]}]}]}
        """)!.AsObject();

    private async Task ShouldRefuseSampleAsync(JsonObject template)
    {
        var (status, body) = await TemplateApi.CreateAsync(Client, template);
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.ShouldBeGraphError(100, "(#100) Invalid parameter", subcode: ErrorCatalog.TemplateHeaderSampleSubcode)
            .ShouldStartWith("Templates with IMAGE header type need an example/sample, but it was not provided");
    }

    [Fact]
    public async Task AMediaHeaderSampleMustBeAnUploadHandleOfThisBusinessThatFitsTheHeader()
    {
        var image = await UploadCalls.UploadOkAsync(Client, UploadCalls.Png(), "image/png");
        var pdf = await UploadCalls.UploadOkAsync(Client, new byte[20], "application/pdf");
        var other = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var otherClient = Parley.CreateChannelClient(other.Token);
        var othersImage = await UploadCalls.UploadOkAsync(otherClient, UploadCalls.Png(), "image/png", other.Token);

        await ShouldRefuseSampleAsync(ImageHeaderTemplate("https://cdn.example.com/sale.png"));
        await ShouldRefuseSampleAsync(ImageHeaderTemplate(pdf));
        await ShouldRefuseSampleAsync(ImageHeaderTemplate(othersImage));
        await ShouldRefuseSampleAsync(CarouselTemplate(image, "4::aW1hZ2UvcG5n:unknown"));
        (await TemplateApi.GetAsync(Client, TemplateApi.TemplatesPath + "?name=spring")).Body["data"]!.AsArray().ShouldBeEmpty();

        await TemplateApi.CreateOkAsync(Client, ImageHeaderTemplate(image));
        await TemplateApi.CreateOkAsync(Client, CarouselTemplate(image, image));
    }

    [Fact]
    public async Task EditingATemplateChecksItsNewMediaHeaderSampleToo()
    {
        var image = await UploadCalls.UploadOkAsync(Client, UploadCalls.Png(), "image/png");
        var id = await TemplateApi.CreateApprovedAsync(Client, ImageHeaderTemplate(image));

        var edit = new JsonObject { ["components"] = ImageHeaderTemplate("https://cdn.example.com/other.png")["components"]!.DeepClone() };
        var (status, body) = await TemplateApi.PostAsync(Client, $"/v23.0/{id}", edit);

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Error()["error_subcode"]!.GetValue<int>().ShouldBe(ErrorCatalog.TemplateHeaderSampleSubcode);
        (await TemplateApi.GetAsync(Client, $"/v23.0/{id}")).Body["status"]!.GetValue<string>().ShouldBe("APPROVED");
    }

    [Fact]
    public async Task AProfilePictureHandleMustBeAnImageUploadOfThisBusinessAndIsServedAtProfilePictureUrl()
    {
        var png = UploadCalls.Png(512);
        var image = await UploadCalls.UploadOkAsync(Client, png, "image/png");
        var pdf = await UploadCalls.UploadOkAsync(Client, new byte[20], "application/pdf");
        var other = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var otherClient = Parley.CreateChannelClient(other.Token);
        var othersImage = await UploadCalls.UploadOkAsync(otherClient, UploadCalls.Png(), "image/png", other.Token);

        foreach (var bad in new[] { "4::aW1hZ2UvcG5n:unknown", pdf, othersImage })
        {
            var (status, body) = await Tenants.PostAsync(Client, ProfilePath, new { messaging_product = "whatsapp", profile_picture_handle = bad });
            status.ShouldBe(HttpStatusCode.UnprocessableEntity, bad);
            body.ShouldBeGraphError(100, "(#100) Invalid parameter").ShouldBe("The profile picture handle is invalid or expired.");
        }
        var (_, unset) = await Tenants.GetAsync(Client, ProfilePath + "?fields=profile_picture_url");
        unset["data"]![0]!.AsObject().ContainsKey("profile_picture_url").ShouldBeFalse();

        (await Tenants.PostAsync(Client, ProfilePath, new { messaging_product = "whatsapp", profile_picture_handle = image })).Status.ShouldBe(HttpStatusCode.OK);

        var (_, profile) = await Tenants.GetAsync(Client, ProfilePath);
        var url = new Uri(profile["data"]![0]!["profile_picture_url"]!.GetValue<string>());
        using var anonymous = Parley.CreateClient();
        using var picture = await anonymous.GetAsync(url.PathAndQuery);
        picture.StatusCode.ShouldBe(HttpStatusCode.OK);
        picture.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await picture.Content.ReadAsByteArrayAsync()).ShouldBe(png);

        // Another picture replaces it: the old URL is gone.
        var second = await UploadCalls.UploadOkAsync(Client, UploadCalls.Png(64), "image/png");
        (await Tenants.PostAsync(Client, ProfilePath, new { messaging_product = "whatsapp", profile_picture_handle = second })).Status.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync(url.PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
