using System.Net;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Media;

/// <summary>Sending media by id: only live media of the sending channel; checked when the message is accepted.</summary>
public sealed class MediaSendTests : ParleyTest
{
    [Fact]
    public async Task ImageSentByUploadedIdIsSentAndDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Parley.SubscribeAsync(receiver.Url);
        const string user = "16505554001";
        await CloudApi.UserWritesAsync(Client, user);
        var mediaId = await MediaCalls.UploadOkAsync(Client, MediaCalls.Bytes(2000), "image/jpeg");

        var id = await CloudApi.SendOkAsync(Client, MediaCalls.Image(user, new { id = mediaId, caption = "Our new shoes" }));

        var statuses = await Eventually.Get(() => StatusesOf(receiver, id), s => s.Contains("delivered"));
        statuses.ShouldContain("sent");
        statuses.ShouldContain("delivered");
        statuses.ShouldNotContain("failed");
        (await CloudApi.GetMessageAsync(Client, id))["status"]!.GetValue<string>().ShouldBe("read");
    }

    [Fact]
    public async Task SendingAnUnknownMediaIdFailsWithCode100AtOnce()
    {
        var (status, body) = await CloudApi.SendAsync(Client, MediaCalls.Image("16505554002", new { id = "1234567890123456" }));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["message"]!.GetValue<string>().ShouldBe("(#100) Param image['id'] is not a valid whatsapp business account media attachment ID");
        body.Error()["type"]!.GetValue<string>().ShouldBe("OAuthException");
    }

    [Fact]
    public async Task SendingAnotherChannelsMediaIdFailsWithCode100()
    {
        var other = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var otherClient = Parley.CreateChannelClient(other.Token);
        var foreign = await MediaCalls.UploadOkAsync(otherClient, MediaCalls.Bytes(100), "image/png", path: $"/v23.0/{other.PhoneNumberId}/media");

        var (status, body) = await CloudApi.SendAsync(Client, MediaCalls.Image("16505554003", new { id = foreign }));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        (await CloudApi.SendAsync(otherClient, MediaCalls.Image("16505554003", new { id = foreign }), other.MessagesPath)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SendingDeletedMediaFailsWithCode100()
    {
        var mediaId = await MediaCalls.UploadOkAsync(Client, MediaCalls.Bytes(100), "image/png");
        (await MediaCalls.DeleteAsync(Client, mediaId)).Status.ShouldBe(HttpStatusCode.OK);

        var (status, body) = await CloudApi.SendAsync(Client, MediaCalls.Image("16505554004", new { id = mediaId }));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
    }

    [Fact]
    public async Task MediaOfAnotherKindThanTheMessageFailsWith131053()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Parley.SubscribeAsync(receiver.Url);
        const string user = "16505554005";
        await CloudApi.UserWritesAsync(Client, user);
        var pdf = await MediaCalls.UploadOkAsync(Client, MediaCalls.Bytes(100), "application/pdf");

        var id = await CloudApi.SendOkAsync(Client, MediaCalls.Image(user, new { id = pdf }));

        var failed = await Eventually.Get(() => receiver.Statuses().FirstOrDefault(s => s["id"]!.GetValue<string>() == id), s => s is not null);
        failed.ShouldNotBeNull()["status"]!.GetValue<string>().ShouldBe("failed");
        failed["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131053);
    }

    [Fact]
    public async Task DocumentInATemplateHeaderByUnknownIdIsRefusedWithItsPath()
    {
        var message = new
        {
            messaging_product = "whatsapp",
            to = "16505554006",
            type = "template",
            template = new
            {
                name = "order_update",
                language = new { code = "en_US" },
                components = new object[] { new { type = "header", parameters = new object[] { new { type = "document", document = new { id = "999" } } } } },
            },
        };

        var (status, body) = await CloudApi.SendAsync(Client, message);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Error()["message"]!.GetValue<string>().ShouldBe("(#100) Param template['components'][0]['parameters'][0]['document']['id'] is not a valid whatsapp business account media attachment ID");
    }

    private static List<string> StatusesOf(WebhookReceiver receiver, string id) =>
        receiver.Statuses().Where(s => s["id"]!.GetValue<string>() == id).Select(s => s["status"]!.GetValue<string>()).ToList();
}
