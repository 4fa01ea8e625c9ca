using System.Net;
using System.Text.Json.Nodes;
using Parley.Core.Groups;
using Parley.Core.Model;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>
/// Groups in 1msg's webhook and history: a participant's post is a message in the group's chat (<c>…@g.us</c>)
/// authored by them, acks of a group message are in the group's chat, and group events reach every webhook URL as
/// <c>groupEvents[]</c>. The sandbox reports only <c>sent</c> here (its later statuses are an hour away), so the test
/// reports each participant's statuses itself, as the network would.
/// </summary>
public sealed class OneMsgGroupWebhookTests() : ParleyTest(new Dictionary<string, string?> { ["Parley:Sandbox:StatusDelayMs"] = "3600000" })
{
    private const string Ana = "16505550201";
    private const string Ben = "16505550202";

    private async Task<WebhookReceiver> WebhookUrlAsync(bool acks)
    {
        var receiver = await WebhookReceiver.StartAsync();
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "settings", $$"""{"webhookUrl":"{{receiver.Url}}","ackNotificationsOn":{{(acks ? "true" : "false")}}}""");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return receiver;
    }

    private static List<JsonObject> Items(WebhookReceiver receiver, string array) =>
        [.. receiver.Received.Select(r => r.Json).Where(b => b[array] is not null).SelectMany(b => b[array]!.AsArray()).Select(i => i!.AsObject())];

    [Fact]
    public async Task GroupEventsReachTheWebhookUrlAsGroupEventsInOneMsgsStyleWithoutAcksOn()
    {
        await using var receiver = await WebhookUrlAsync(acks: false);

        var group = await GroupWebhookKit.CreateAsync(Parley, Client);
        await GroupWebhookKit.JoinAsync(Parley, group, Ana);
        await GroupWebhookKit.RenameAsync(Client, group, "Watch Collectors");
        await GroupWebhookKit.SuspendAsync(Parley, group);

        var events = await Eventually.Get(() => Items(receiver, "groupEvents"), e => e.Count >= 4);
        receiver.Received.ShouldAllBe(r => r.SignedWith(ParleyFactory.AppSecret) && r.Json["instanceId"]!.GetValue<string>() == ParleyFactory.PhoneNumberId);
        events.Select(e => e["type"]!.GetValue<string>()).ShouldBe(["group_create", "group_participants_add", "group_settings_update", "group_suspend"]);
        events.ShouldAllBe(e => e["chatId"]!.GetValue<string>() == group.Id + "@g.us" && e["groupId"]!.GetValue<string>() == group.Id
            && e["time"]!.GetValue<long>() > 0 && e["timestamp"] == null);
        events[0]["subject"]!.GetValue<string>().ShouldBe("Watch Enthusiasts");
        events[0]["inviteLink"]!.GetValue<string>().ShouldBe(GroupIds.InviteLink(group.InviteCode!));
        events[0]["joinApprovalMode"]!.GetValue<string>().ShouldBe("auto_approve");
        events[0]["requestId"]!.GetValue<string>().ShouldNotBeEmpty();
        events[1]["reason"]!.GetValue<string>().ShouldBe("invite_link");
        events[1]["addedParticipants"]!.ToJsonString().ShouldBe($$"""[{"chatId":"{{Ana}}@c.us","waId":"{{Ana}}"}]""");
        events[2]["groupSubject"]!.ToJsonString().ShouldBe("""{"text":"Watch Collectors","updateSuccessful":true}""");
        // Acks stay off: group events do not turn them on.
        (await OneMsgClient.GetAsync(Client, "settings")).Body["ackNotificationsOn"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task AParticipantsPostIsAMessageInTheGroupsChatAuthoredByThemInTheWebhookAndTheHistory()
    {
        await using var receiver = await WebhookUrlAsync(acks: false);
        var group = await GroupWebhookKit.CreateAsync(Parley, Client);
        await GroupWebhookKit.JoinAsync(Parley, group, Ana);

        var post = await GroupWebhookKit.PostAsync(Parley, group, Ana, "Is the meetup still on?", profileName: "Ana Lima");
        var reply = await OneMsgClient.SentAsync(Client, "sendMessage", $$"""{"chatId":"{{group.Id}}@g.us","body":"It is!"}""");

        var messages = await Eventually.Get(() => Items(receiver, "messages"), m => m.Count >= 2);
        var inbound = messages.Single(m => m["id"]!.GetValue<string>() == post);
        inbound["fromMe"]!.GetValue<bool>().ShouldBeFalse();
        inbound["chatId"]!.GetValue<string>().ShouldBe(group.Id + "@g.us");
        inbound["author"]!.GetValue<string>().ShouldBe(Ana + "@c.us");
        inbound["senderName"]!.GetValue<string>().ShouldBe("Ana Lima");
        inbound["chatName"]!.GetValue<string>().ShouldBe(group.Id);
        inbound["body"]!.GetValue<string>().ShouldBe("Is the meetup still on?");
        inbound["type"]!.GetValue<string>().ShouldBe("chat");
        var echo = messages.Single(m => m["id"]!.GetValue<string>() == reply);
        echo["fromMe"]!.GetValue<bool>().ShouldBeTrue();
        echo["chatId"]!.GetValue<string>().ShouldBe(group.Id + "@g.us");

        var (status, history) = await OneMsgClient.GetAsync(Client, "messages", $"&chatId={group.Id}%40g.us");
        status.ShouldBe(HttpStatusCode.OK, history.ToJsonString());
        var listed = history["messages"]!.AsArray().Select(m => m!.AsObject()).ToList();
        listed.Select(m => m["id"]!.GetValue<string>()).ShouldBe([post, reply]);
        listed.ShouldAllBe(m => m["chatId"]!.GetValue<string>() == group.Id + "@g.us");
        listed[0]["author"]!.GetValue<string>().ShouldBe(Ana + "@c.us");
        listed[0]["fromMe"]!.GetValue<bool>().ShouldBeFalse();
        listed[0]["senderName"]!.GetValue<string>().ShouldBe(Ana);
        listed[0]["messageNumber"]!.GetValue<long>().ShouldBe(inbound["messageNumber"]!.GetValue<long>());
        listed[1]["author"]!.GetValue<string>().ShouldBe(ParleyFactory.DisplayPhoneNumber + "@c.us");
        listed[1]["fromMe"]!.GetValue<bool>().ShouldBeTrue();
        // The participant's own chat does not hold the group's messages.
        (await OneMsgClient.GetAsync(Client, "messages", $"&chatId={Ana}%40c.us")).Body["messages"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task AcksOfAGroupMessageAreInTheGroupsChatAndADeliveredOrReadOneNamesItsParticipant()
    {
        await using var receiver = await WebhookUrlAsync(acks: true);
        var group = await GroupWebhookKit.CreateAsync(Parley, Client);
        await GroupWebhookKit.JoinAsync(Parley, group, Ana);
        await GroupWebhookKit.JoinAsync(Parley, group, Ben);

        var id = await OneMsgClient.SentAsync(Client, "sendMessage", $$"""{"chatId":"{{group.Id}}@g.us","body":"Welcome!"}""");
        await Eventually.Get(() => Items(receiver, "ack"), a => a.Count >= 1);
        await GroupWebhookKit.ReportAsync(Parley, id, MessageStatus.Delivered, Ben);
        await GroupWebhookKit.ReportAsync(Parley, id, MessageStatus.Read, Ben);

        var acks = await Eventually.Get(() => Items(receiver, "ack"), a => a.Count >= 3);
        acks.Select(a => a["status"]!.GetValue<string>()).ShouldBe(["sent", "delivered", "viewed"]);
        acks.ShouldAllBe(a => a["id"]!.GetValue<string>() == id && a["chatId"]!.GetValue<string>() == group.Id + "@g.us");
        acks.Select(a => a["phone"]!.GetValue<string>()).ShouldBe([group.Id, Ben, Ben]);
    }
}
