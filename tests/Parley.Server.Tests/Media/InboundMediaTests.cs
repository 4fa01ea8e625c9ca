using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Media;

/// <summary>Media a simulated user sends: stored as the channel's media, described in the webhook, downloadable.</summary>
public sealed class InboundMediaTests : ParleyTest
{
    [Fact]
    public async Task ImageFromASimulatedUserIsInTheWebhookAndCanBeDownloaded()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Parley.SubscribeAsync(receiver.Url);
        var bytes = MediaCalls.Bytes(1500, seed: 3);

        await CloudApi.UserWritesAsync(Client, "16505556001", new
        {
            from = "16505556001",
            type = "image",
            image = new { data = Convert.ToBase64String(bytes), mime_type = "image/jpeg", caption = "Look at this" },
        });

        var message = (await Eventually.Get(() => receiver.Messages(), m => m.Count >= 1)).ShouldHaveSingleItem();
        message["type"]!.GetValue<string>().ShouldBe("image");
        var image = message["image"]!.AsObject();
        image["caption"]!.GetValue<string>().ShouldBe("Look at this");
        image["mime_type"]!.GetValue<string>().ShouldBe("image/jpeg");
        image["sha256"]!.GetValue<string>().ShouldBe(Convert.ToBase64String(SHA256.HashData(bytes)));
        image.ContainsKey("data").ShouldBeFalse();
        var mediaId = image["id"]!.GetValue<string>();

        var (status, media) = await MediaCalls.GetAsync(Client, mediaId);
        status.ShouldBe(HttpStatusCode.OK, media.ToJsonString());
        media["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        using var download = await Client.GetAsync(media["url"]!.GetValue<string>());
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
    }

    [Fact]
    public async Task DocumentWithoutBytesGetsGeneratedBytesAndKeepsItsFilename()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Parley.SubscribeAsync(receiver.Url);

        await CloudApi.UserWritesAsync(Client, "16505556002", new { from = "16505556002", type = "document", document = new { filename = "invoice.pdf", size = 2048 } });

        var document = (await Eventually.Get(() => receiver.Messages(), m => m.Count >= 1)).ShouldHaveSingleItem()["document"]!.AsObject();
        document["filename"]!.GetValue<string>().ShouldBe("invoice.pdf");
        document["mime_type"]!.GetValue<string>().ShouldBe("application/pdf");
        var (_, media) = await MediaCalls.GetAsync(Client, document["id"]!.GetValue<string>());
        media["file_size"]!.GetValue<long>().ShouldBe(2048);
    }

    [Fact]
    public async Task InboundMediaWithInvalidBase64IsRefused()
    {
        using var response = await Client.PostAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/inbound",
            new { from = "16505556003", type = "audio", audio = new { data = "not base64!" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CloudApi.ReadAsync(response)).Code().ShouldBe(131009);
    }
}
