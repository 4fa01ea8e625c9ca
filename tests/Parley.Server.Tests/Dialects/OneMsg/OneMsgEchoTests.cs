using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>
/// 1msg's messages webhook echoes the channel's outgoing messages (<c>fromMe: true</c>), whichever dialect sent them;
/// no other webhook format does.
/// </summary>
public sealed class OneMsgEchoTests : ParleyTest
{
    private const string User = "12020721369";

    [Fact]
    public async Task SendsThroughOneMsgAndTheCloudApiEachArriveOnceAsSignedFromMeEchoes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        (await OneMsgClient.PostJsonAsync(Client, "settings", $$$"""{"webhookUrl":"{{{receiver.Url}}}","ackNotificationsOn":true}""")).Status.ShouldBe(HttpStatusCode.OK);
        var inbound = await OneMsgClient.UserWritesAsync(Client, User);

        var viaOneMsg = await OneMsgClient.SentAsync(Client, "sendMessage", $$$"""{"chatId":"{{{User}}}@c.us","body":"from 1msg","quotedMsgId":"{{{inbound}}}"}""");
        var viaCloud = await CloudApi.SendOkAsync(Client, CloudApi.Text(User, "from the Cloud API"), idempotencyKey: "echo-once");
        (await CloudApi.SendOkAsync(Client, CloudApi.Text(User, "from the Cloud API"), idempotencyKey: "echo-once")).ShouldBe(viaCloud);

        // The read acks of both come after their echoes: once they are in, every echo that will come has come.
        var bodies = await Eventually.Get(() => receiver.Received.Select(r => r.Json).ToList(),
            all => new[] { viaOneMsg, viaCloud }.All(id => Acks(all).Any(a => a["id"]!.GetValue<string>() == id && a["status"]!.GetValue<string>() == "viewed")));
        receiver.Received.ShouldAllBe(r => r.SignedWith(ParleyFactory.AppSecret));
        bodies.ShouldAllBe(b => b["instanceId"]!.GetValue<string>() == ParleyFactory.PhoneNumberId);
        var items = bodies.Where(b => b["messages"] is not null).SelectMany(b => b["messages"]!.AsArray()).Select(m => m!.AsObject()).ToList();
        items.Select(m => m["id"]!.GetValue<string>()).ShouldBe([inbound, viaOneMsg, viaCloud]);
        items[0]["fromMe"]!.GetValue<bool>().ShouldBeFalse();

        var (status, history) = await OneMsgClient.GetAsync(Client, "messages", $"&chatId={User}%40c.us");
        status.ShouldBe(HttpStatusCode.OK);
        foreach (var echo in items.Skip(1))
        {
            echo["fromMe"]!.GetValue<bool>().ShouldBeTrue();
            echo["self"]!.GetValue<int>().ShouldBe(1);
            echo["isForwarded"]!.GetValue<bool>().ShouldBeFalse();
            echo["author"]!.GetValue<string>().ShouldBe($"{ParleyFactory.DisplayPhoneNumber}@c.us");
            echo["chatId"]!.GetValue<string>().ShouldBe($"{User}@c.us");
            echo["type"]!.GetValue<string>().ShouldBe("chat");
            // The same message as the history shows it, number included.
            var listed = history["messages"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == echo["id"]!.GetValue<string>())!.AsObject();
            foreach (var field in new[] { "messageNumber", "body", "fromMe", "self", "author", "time", "chatId", "type", "senderName", "caption", "quotedMsgId" })
            {
                JsonNode.DeepEquals(echo[field], listed[field]).ShouldBeTrue($"{field}: {echo[field]?.ToJsonString()} vs {listed[field]?.ToJsonString()}");
            }
        }
        items[1]["body"]!.GetValue<string>().ShouldBe("from 1msg");
        items[1]["quotedMsgId"]!.GetValue<string>().ShouldBe(inbound);
        items[1]["messageNumber"]!.GetValue<long>().ShouldBe(2);
        items[2]["body"]!.GetValue<string>().ShouldBe("from the Cloud API");
        items[2]["quotedMsgId"].ShouldBeNull();
        items[2]["messageNumber"]!.GetValue<long>().ShouldBe(3);
    }

    [Fact]
    public async Task ACloudApiSubscriptionOnTheSameChannelGetsNoEcho()
    {
        await using var onemsg = await WebhookReceiver.StartAsync();
        await using var cloud = await WebhookReceiver.StartAsync();
        (await OneMsgClient.PostJsonAsync(Client, "webhook", $$$"""{"webhookUrl":"{{{onemsg.Url}}}"}""")).Status.ShouldBe(HttpStatusCode.OK);
        await Parley.SubscribeAsync(cloud.Url);
        await OneMsgClient.UserWritesAsync(Client, User);

        var id = await OneMsgClient.SentAsync(Client, "sendMessage", $$$"""{"phone":"{{{User}}}","body":"echoed to 1msg only"}""");
        await Eventually.Get(() => cloud.Statuses(), all => all.Any(s => s["id"]!.GetValue<string>() == id && s["status"]!.GetValue<string>() == "read"));
        await Eventually.Get(() => onemsg.Received.Count, n => n >= 2);

        cloud.Messages().Select(m => m["from"]!.GetValue<string>()).ShouldBe([User]); // the inbound message only
        cloud.Received.ShouldAllBe(r => r.Json["object"]!.GetValue<string>() == "whatsapp_business_account");
        var echo = onemsg.Received.Select(r => r.Json).Where(b => b["messages"] is not null).SelectMany(b => b["messages"]!.AsArray())
            .Single(m => m!["fromMe"]!.GetValue<bool>())!;
        echo["id"]!.GetValue<string>().ShouldBe(id);
        echo["body"]!.GetValue<string>().ShouldBe("echoed to 1msg only");
    }

    private static IEnumerable<JsonNode> Acks(IEnumerable<JsonObject> bodies) =>
        bodies.Where(b => b["ack"] is not null).SelectMany(b => b["ack"]!.AsArray()).Select(a => a!);
}
