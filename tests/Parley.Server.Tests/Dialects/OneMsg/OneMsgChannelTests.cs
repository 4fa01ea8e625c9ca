using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>Channel methods, settings as webhook subscriptions, the onemsg webhook format, and one history across dialects.</summary>
public sealed class OneMsgChannelTests : ParleyTest
{
    private const string User = "12020721369";

    [Fact]
    public async Task StatusOfASandboxChannelIsConnected()
    {
        var (status, body) = await OneMsgClient.GetAsync(Client, "status");
        status.ShouldBe(HttpStatusCode.OK);
        body["status"]!.GetValue<string>().ShouldBe("connected");
    }

    [Fact]
    public async Task StatusIsUnregisteredWhileTheNumberIsDeregisteredThroughTheCloudApi()
    {
        var numberPath = $"/v23.0/{ParleyFactory.PhoneNumberId}";
        using (var deregister = await Client.PostAsync($"{numberPath}/deregister", null))
        {
            deregister.StatusCode.ShouldBe(HttpStatusCode.OK, await deregister.Content.ReadAsStringAsync());
        }

        var (status, body) = await OneMsgClient.GetAsync(Client, "status");
        status.ShouldBe(HttpStatusCode.OK);
        body["status"]!.GetValue<string>().ShouldBe("unregistered");

        var (registerStatus, registered) = await Tenants.PostAsync(Client, $"{numberPath}/register", new { messaging_product = "whatsapp", pin = "123456" });
        registerStatus.ShouldBe(HttpStatusCode.OK, registered.ToJsonString());
        (await OneMsgClient.GetAsync(Client, "status")).Body["status"]!.GetValue<string>().ShouldBe("connected");
    }

    [Fact]
    public async Task StatisticsOutputIpAndExtendedStatisticsHaveTheDocumentedShape()
    {
        var (status, body) = await OneMsgClient.GetAsync(Client, "statistics", "&date=03.2022");
        status.ShouldBe(HttpStatusCode.OK);
        body["date"]!.GetValue<string>().ShouldBe("03.2022");
        body["templates_cost"]!.GetValue<decimal>().ShouldBe(0m);
        (await OneMsgClient.GetAsync(Client, "statistics", "&date=2022-03")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await OneMsgClient.GetAsync(Client, "outputIP")).Body["result"]!.GetValue<string>().ShouldNotBeEmpty();

        // Nothing priced yet: no month to report (Pricing/OneMsgStatisticsTests counts priced messages).
        using var response = await Client.GetAsync(OneMsgClient.PathOf("extendedStatistics"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task SettingsWebhookUrlsBecomeOneMsgSubscriptionsAndCanBeCleared()
    {
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "settings",
            """{"webhookUrl":["https://example.com/a","https://example.com/b"],"ackNotificationsOn":true}""");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["ackNotificationsOn"]!.GetValue<bool>().ShouldBeTrue();
        body["update"]!["webhookUrl"]!.AsArray().Count.ShouldBe(2);

        using (var list = await Admin.GetAsync($"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks"))
        {
            var subscriptions = JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray();
            subscriptions.Count.ShouldBe(2);
            subscriptions.ShouldAllBe(s => s!["format"]!.GetValue<string>() == "onemsg");
        }
        (await OneMsgClient.GetAsync(Client, "webhook")).Body["webhookUrl"]!.AsArray().Count.ShouldBe(2);

        var tooMany = await OneMsgClient.PostJsonAsync(Client, "webhook", """{"webhookUrl":["https://e.com/1","https://e.com/2","https://e.com/3","https://e.com/4","https://e.com/5","https://e.com/6"]}""");
        tooMany.Status.ShouldBe(HttpStatusCode.BadRequest);

        var cleared = await OneMsgClient.PostJsonAsync(Client, "webhook", """{"webhookUrl":""}""");
        cleared.Status.ShouldBe(HttpStatusCode.OK);
        cleared.Body["set"]!.GetValue<bool>().ShouldBeTrue();
        (await OneMsgClient.GetAsync(Client, "settings")).Body["webhookUrl"].ShouldBeNull();
    }

    [Fact]
    public async Task InboundMessagesAndAcksArriveInOneMsgsFormatSigned()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        (await OneMsgClient.PostJsonAsync(Client, "settings", $$$"""{"webhookUrl":"{{{receiver.Url}}}","ackNotificationsOn":true}""")).Status.ShouldBe(HttpStatusCode.OK);

        var inboundId = await OneMsgClient.UserWritesAsync(Client, User);
        var id = await OneMsgClient.SentAsync(Client, "sendMessage", $$$"""{"chatId":"{{{User}}}@c.us","body":"Hello"}""");

        var bodies = await Eventually.Get(() => receiver.Received.Select(r => r.Json).ToList(),
            all => all.Any(b => b["messages"] is not null) && all.Any(b => b["ack"]?.AsArray().Any(a => a!["status"]!.GetValue<string>() == "viewed") == true));
        receiver.Received.ShouldAllBe(r => r.SignedWith(ParleyFactory.AppSecret));
        bodies.ShouldAllBe(b => b["instanceId"]!.GetValue<string>() == ParleyFactory.PhoneNumberId);
        // messages[] also echoes the send (OneMsgEchoTests): the inbound message is the one that is not fromMe.
        var message = bodies.Where(b => b["messages"] is not null).SelectMany(b => b["messages"]!.AsArray()).First(m => m!["id"]!.GetValue<string>() == inboundId)!;
        message["type"]!.GetValue<string>().ShouldBe("chat");
        message["body"]!.GetValue<string>().ShouldBe("Hi!");
        message["fromMe"]!.GetValue<bool>().ShouldBeFalse();
        message["chatId"]!.GetValue<string>().ShouldBe($"{User}@c.us");
        message["messageNumber"]!.GetValue<long>().ShouldBe(1);
        var acks = bodies.Where(b => b["ack"] is not null).SelectMany(b => b["ack"]!.AsArray()).ToList();
        acks.ShouldAllBe(a => a!["id"]!.GetValue<string>() == id && a["chatId"]!.GetValue<string>() == $"{User}@c.us");
        acks.Select(a => a!["status"]!.GetValue<string>()).ShouldBe(["sent", "delivered", "viewed"], ignoreOrder: true);
    }

    [Fact]
    public async Task AcksAreNotSentWhenAckNotificationsAreOffButTheSendIsStillEchoed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        (await OneMsgClient.PostJsonAsync(Client, "webhook", $$$"""{"webhookUrl":"{{{receiver.Url}}}"}""")).Status.ShouldBe(HttpStatusCode.OK);
        var id = await OneMsgClient.SentAsync(Client, "sendMessage", $$$"""{"phone":"{{{User}}}","body":"no acks"}""");
        await CloudApi.WaitForStatusAsync(Client, id, "failed"); // no window open: 131047
        var inbound = await OneMsgClient.UserWritesAsync(Client, User);

        // The inbound message was written after the failure: once it is in, a wrongly sent ack would be too.
        var items = await Eventually.Get(
            () => receiver.Received.Where(r => r.Json["messages"] is not null).SelectMany(r => r.Json["messages"]!.AsArray()).Select(m => m!).ToList(),
            all => all.Any(m => m["id"]!.GetValue<string>() == inbound));
        receiver.Received.ShouldAllBe(r => r.Json["ack"] == null && r.SignedWith(ParleyFactory.AppSecret));
        items.Select(m => (m["id"]!.GetValue<string>(), m["fromMe"]!.GetValue<bool>())).ShouldBe([(id, true), (inbound, false)]);
        items[0]["body"]!.GetValue<string>().ShouldBe("no acks");
    }

    [Fact]
    public async Task OneMsgAndCloudApiSendsToOneUserShareOneConversation()
    {
        // Outside the window both fail with 131047, the same rule for both dialects.
        var early = await OneMsgClient.SentAsync(Client, "sendMessage", $$$"""{"phone":"{{{User}}}","body":"too early"}""");
        var failed = await CloudApi.WaitForStatusAsync(Client, early, "failed");
        failed["status"]!.GetValue<string>().ShouldBe("failed");
        var (_, hookBody) = await OneMsgClient.GetAsync(Client, "hookInfo", $"&messageId={Uri.EscapeDataString(early)}");
        hookBody["hooks"]!.AsArray().ShouldContain(h => h!["status"]!.GetValue<string>() == "failed" && h["errors"]![0]!["code"]!.GetValue<int>() == 131047);

        // The user writes; a 1msg send and a Cloud API send both go out inside the one window.
        var inbound = await OneMsgClient.UserWritesAsync(Client, User);
        var viaOneMsg = await OneMsgClient.SentAsync(Client, "sendMessage", $$$"""{"chatId":"{{{User}}}@c.us","body":"from 1msg"}""");
        var viaCloud = await CloudApi.SendOkAsync(Client, CloudApi.Text(User, "from the Cloud API"));
        (await CloudApi.WaitForStatusAsync(Client, viaOneMsg, "read"))["status"]!.GetValue<string>().ShouldBe("read");
        (await CloudApi.WaitForStatusAsync(Client, viaCloud, "read"))["status"]!.GetValue<string>().ShouldBe("read");

        var (status, history) = await OneMsgClient.GetAsync(Client, "messages", $"&chatId={User}%40c.us");
        status.ShouldBe(HttpStatusCode.OK);
        var messages = history["messages"]!.AsArray();
        messages.Select(m => m!["id"]!.GetValue<string>()).ShouldBe([early, inbound, viaOneMsg, viaCloud]);
        messages[1]!["fromMe"]!.GetValue<bool>().ShouldBeFalse();
        messages[3]!["body"]!.GetValue<string>().ShouldBe("from the Cloud API");
        messages[3]!["status"]!.GetValue<string>().ShouldBe("viewed");

        messages.Select(m => m!["messageNumber"]!.GetValue<long>()).ShouldBe([1L, 2L, 3L, 4L]);
        history["lastMessageNumber"]!.GetValue<long>().ShouldBe(4);
        var after = await OneMsgClient.GetAsync(Client, "messages", "&lastMessageNumber=2");
        after.Body["messages"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ShouldBe([viaOneMsg, viaCloud]);
        var from = await OneMsgClient.GetAsync(Client, "messages", "&firstMessageNumber=2&limit=1");
        from.Body["messages"]!.AsArray().Single()!["id"]!.GetValue<string>().ShouldBe(inbound);
        var one = await OneMsgClient.GetAsync(Client, "messages", $"&msgId={Uri.EscapeDataString(viaCloud)}");
        one.Body["messages"]!.AsArray().Single()!["messageNumber"]!.GetValue<long>().ShouldBe(4);
        (await OneMsgClient.GetAsync(Client, "messages", "&limit=-1")).Status.ShouldBe(HttpStatusCode.BadRequest);

        var newest = await OneMsgClient.GetAsync(Client, "messages", "&last=true&limit=1");
        newest.Body["messages"]!.AsArray().Single()!["id"]!.GetValue<string>().ShouldBe(viaCloud);

        var (readStatus, read) = await OneMsgClient.PostJsonAsync(Client, "readMessage", $$$"""{"messageId":"{{{inbound}}}"}""");
        readStatus.ShouldBe(HttpStatusCode.OK);
        read["result"]!.GetValue<string>().ShouldBe("success");
        (await CloudApi.GetMessageAsync(Client, inbound))["status"]!.GetValue<string>().ShouldBe("read");
        (await OneMsgClient.PostJsonAsync(Client, "readMessage", """{"messageId":"wamid.unknown"}""")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }
}
