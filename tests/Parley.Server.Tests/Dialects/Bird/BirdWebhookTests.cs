using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Server.Delivery.Webhooks;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;

namespace Parley.Server.Tests.Dialects.Bird;

/// <summary>The <c>channels</c> webhook format: inbound messages and status changes as Channels events, signed as Bird signs.</summary>
public sealed class BirdWebhookTests : BirdTest
{
    private const string Secret = "channels-signing-key-0123";

    private async Task<WebhookReceiver> SubscribeAsync()
    {
        var receiver = await WebhookReceiver.StartAsync();
        await Tenants.PostCreatedAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks", new { url = receiver.Url, format = "channels", secret = Secret });
        return receiver;
    }

    private static List<JsonObject> Events(WebhookReceiver receiver) =>
        [.. receiver.Received.Select(r => JsonNode.Parse(r.Body)!).SelectMany(n => n is JsonArray a ? a.Select(e => e!.AsObject()) : [n.AsObject()])];

    private static List<JsonObject> EventsOf(WebhookReceiver receiver, string name, string messageId) =>
        [.. Events(receiver).Where(e => e["event"]!.GetValue<string>() == name
            && (e["payload"]!["id"] ?? e["payload"]!["messageId"])!.GetValue<string>() == messageId)];

    [Fact]
    public async Task InboundMessageArrivesAsAWhatsappInboundEventSignedAsBirdSigns()
    {
        await using var receiver = await SubscribeAsync();

        var wamid = await CloudApi.UserWritesAsync(Client, "16505554567", new { from = "16505554567", type = "text", text = new { body = "Hello Bird" } });

        var received = await Eventually.Get(() => receiver.Received.ToList(), r => r.Count >= 1);
        var webhook = received.ShouldHaveSingleItem();
        var json = webhook.Json;
        json["service"]!.GetValue<string>().ShouldBe("channels");
        json["event"]!.GetValue<string>().ShouldBe("whatsapp.inbound");
        var payload = json["payload"]!;
        payload["channelId"]!.GetValue<string>().ShouldBe(ChannelId);
        payload["direction"]!.GetValue<string>().ShouldBe("incoming");
        payload["status"]!.GetValue<string>().ShouldBe("delivered");
        payload["sender"]!["contact"]!["identifierValue"]!.GetValue<string>().ShouldBe("+16505554567");
        payload["body"]!["text"]!["text"]!.GetValue<string>().ShouldBe("Hello Bird");
        payload["parts"]![0]!["platformReference"]!.GetValue<string>().ShouldBe(wamid);

        var timestamp = webhook.Headers["messagebird-request-timestamp"];
        long.Parse(timestamp, CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        byte[] signed = [.. Encoding.UTF8.GetBytes($"{timestamp}\n{receiver.Url}\n"), .. SHA256.HashData(webhook.Body)];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed);
        CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(webhook.Headers["messagebird-signature"]), expected).ShouldBeTrue();

        // The inbound id is the one the reads show.
        var (_, message) = await GetAsync(Channels, $"{MessagesPath}/{payload["id"]}");
        Wamids(message).ShouldBe([wamid]);
    }

    [Fact]
    public async Task OutgoingMessageReportsSentAndDeliveredThenAReadInteraction()
    {
        await using var receiver = await SubscribeAsync();
        await CloudApi.UserWritesAsync(Client, "16505554568");

        var id = (await SendAcceptedAsync(To("16505554568", new { type = "text", text = new { text = "Track me" } })))["id"]!.GetValue<string>();

        await Eventually.Get(() => EventsOf(receiver, "whatsapp.interaction", id), e => e.Count >= 1);
        var outbound = EventsOf(receiver, "whatsapp.outbound", id);
        outbound.Select(e => e["payload"]!["status"]!.GetValue<string>()).ShouldBe(["sent", "delivered"]);
        outbound.ShouldAllBe(e => e["payload"]!["direction"]!.GetValue<string>() == "outgoing");
        outbound[0]["payload"]!["body"]!["text"]!["text"]!.GetValue<string>().ShouldBe("Track me");
        var read = EventsOf(receiver, "whatsapp.interaction", id).ShouldHaveSingleItem();
        read["payload"]!["type"]!.GetValue<string>().ShouldBe("read");
        read["payload"]!["channelId"]!.GetValue<string>().ShouldBe(ChannelId);
    }

    [Fact]
    public async Task MessageOfSeveralImagesReportsEachStatusOnceWhenAllItsImagesReachedIt()
    {
        await using var receiver = await SubscribeAsync();
        await CloudApi.UserWritesAsync(Client, "16505554569");

        var accepted = await SendAcceptedAsync(To("16505554569", new
        {
            type = "image",
            image = new
            {
                images = new[]
                {
                    new { mediaUrl = await MediaUrlAsync("a.jpg", "image/jpeg") },
                    new { mediaUrl = await MediaUrlAsync("b.jpg", "image/jpeg") },
                    new { mediaUrl = await MediaUrlAsync("c.jpg", "image/jpeg") },
                },
            },
        }));
        var id = accepted["id"]!.GetValue<string>();
        foreach (var wamid in Wamids(accepted))
        {
            await CloudApi.WaitForStatusAsync(Client, wamid, "read");
        }

        await Eventually.Get(() => EventsOf(receiver, "whatsapp.interaction", id), e => e.Count >= 1);
        // A subscription gets its events in order: once a later inbound message arrived, every status event came before it.
        await CloudApi.UserWritesAsync(Client, "16505554569", new { from = "16505554569", type = "text", text = new { body = "marker" } });
        await Eventually.Get(() => Events(receiver).Where(e => e["event"]!.GetValue<string>() == "whatsapp.inbound").ToList(), e => e.Count >= 2);
        EventsOf(receiver, "whatsapp.outbound", id).Select(e => e["payload"]!["status"]!.GetValue<string>()).ShouldBe(["sent", "delivered"]);
        EventsOf(receiver, "whatsapp.interaction", id).Count.ShouldBe(1);
        EventsOf(receiver, "whatsapp.outbound", id)[1]["payload"]!["parts"]!.AsArray().Count.ShouldBe(3);
    }

    [Fact]
    public async Task FailedSendIsReportedAsSendingFailedWithTheWhatsAppError()
    {
        await using var receiver = await SubscribeAsync();

        var id = (await SendAcceptedAsync(new
        {
            receiver = new { contacts = new[] { new { identifierValue = "+16505550404" } } }, // not on WhatsApp
            template = new { name = "hello_world", locale = "en_US" },
        }))["id"]!.GetValue<string>();

        var failed = (await Eventually.Get(() => EventsOf(receiver, "whatsapp.outbound", id), e => e.Count >= 1)).ShouldHaveSingleItem();
        failed["payload"]!["status"]!.GetValue<string>().ShouldBe("sending_failed");
        failed["payload"]!["failure"]!["source"]!["code"]!.GetValue<string>().ShouldBe("131026");
        failed["payload"]!["failure"]!["source"]!["name"]!.GetValue<string>().ShouldBe("whatsapp");
        var (_, message) = await GetAsync(Channels, $"{MessagesPath}/{id}");
        message["status"]!.GetValue<string>().ShouldBe("sending_failed");
    }

    [Fact]
    public async Task OutboxEventsOfKindsTheFormatDoesNotRenderAreLeftOut()
    {
        var format = ((IEnumerable<IWebhookFormat>)Parley.Services.GetService(typeof(IEnumerable<IWebhookFormat>))!).Single(f => f.Name == "channels");
        var channel = (await ((IAccountStore)Parley.Services.GetService(typeof(IAccountStore))!).GetChannelAsync(ParleyFactory.PhoneNumberId, default))!;
        OutboxEvent[] events =
        [
            new(1, "wh_1", channel.PhoneNumberId, "message_template_status_update", """{"event":"APPROVED"}""", DateTimeOffset.UtcNow, 0, null, null),
            new(2, "wh_1", channel.PhoneNumberId, EventKinds.Statuses, """{"id":"wamid.unknown","status":"bogus"}""", DateTimeOffset.UtcNow, 0, null, null),
        ];

        var prepared = await format.PrepareAsync(channel, events, default);

        prepared.ShouldBeEmpty();
    }
}
