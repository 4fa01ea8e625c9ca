using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Core.Groups;
using Parley.Core.Model;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;

namespace Parley.Server.Tests.CloudApiDialect;

/// <summary>
/// Groups in the <c>cloudapi</c> webhook format (Meta, "Webhooks for Groups API" and "Groups messaging"): one change per
/// group field with the batch's <c>groups[]</c> items; a participant's post and the statuses of a group message in the
/// <c>messages</c> field. The sandbox reports only <c>sent</c> here (its later statuses are an hour away), so the test
/// reports each participant's statuses itself, as the network would.
/// </summary>
public sealed class GroupWebhookTests() : SubscribedParleyTest(new Dictionary<string, string?> { ["Parley:Sandbox:StatusDelayMs"] = "3600000" })
{
    private const string Ana = "16505550101";
    private const string Ben = "16505550102";

    private static (string Field, JsonObject Value) OnlyChange(ReceivedWebhook webhook)
    {
        var json = webhook.Json;
        json["object"]!.GetValue<string>().ShouldBe("whatsapp_business_account");
        var entry = json["entry"]!.AsArray().ShouldHaveSingleItem()!;
        entry["id"]!.GetValue<string>().ShouldBe(ParleyFactory.WabaId);
        var change = entry["changes"]!.AsArray().ShouldHaveSingleItem()!;
        return (change["field"]!.GetValue<string>(), change["value"]!.AsObject());
    }

    private static List<(string Field, JsonObject Value)> Changes(WebhookReceiver receiver) =>
        [.. receiver.Received.SelectMany(r => r.Json["entry"]![0]!["changes"]!.AsArray())
            .Select(c => (c!["field"]!.GetValue<string>(), c["value"]!.AsObject()))];

    [Fact]
    public async Task EachGroupEventArrivesAsAChangeOfItsFieldWithTheGroupsItemSignedLikeEveryWebhook()
    {
        var group = await GroupWebhookKit.CreateAsync(Parley, Client);
        await GroupWebhookKit.JoinAsync(Parley, group, Ana);
        await GroupWebhookKit.RenameAsync(Client, group, "Watch Collectors");
        await GroupWebhookKit.SuspendAsync(Parley, group);

        var received = await Eventually.Get(() => Receiver.Received.ToList(), r => r.Count >= 4);
        received.Count.ShouldBe(4);
        received.ShouldAllBe(r => r.SignedWith(ParleyFactory.AppSecret));
        var changes = received.Select(OnlyChange).ToList();
        changes.Select(c => c.Field).ShouldBe(
            [EventKinds.GroupLifecycle, EventKinds.GroupParticipants, EventKinds.GroupSettings, EventKinds.GroupStatus]);
        foreach (var (_, value) in changes)
        {
            value["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
            value["metadata"]!["phone_number_id"]!.GetValue<string>().ShouldBe(ParleyFactory.PhoneNumberId);
            value["metadata"]!["display_phone_number"]!.GetValue<string>().ShouldBe(ParleyFactory.DisplayPhoneNumber);
            var item = value["groups"]!.AsArray().ShouldHaveSingleItem()!;
            item["group_id"]!.GetValue<string>().ShouldBe(group.Id);
            long.Parse(item["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        }
        var created = changes[0].Value["groups"]![0]!;
        created["type"]!.GetValue<string>().ShouldBe("group_create");
        created["subject"]!.GetValue<string>().ShouldBe("Watch Enthusiasts");
        created["invite_link"]!.GetValue<string>().ShouldBe(GroupIds.InviteLink(group.InviteCode!));
        created["join_approval_mode"]!.GetValue<string>().ShouldBe("auto_approve");
        created["request_id"]!.GetValue<string>().ShouldNotBeEmpty();
        var joined = changes[1].Value["groups"]![0]!;
        joined["type"]!.GetValue<string>().ShouldBe("group_participants_add");
        joined["reason"]!.GetValue<string>().ShouldBe("invite_link");
        joined["added_participants"]!.ToJsonString().ShouldBe($$"""[{"wa_id":"{{Ana}}"}]""");
        var renamed = changes[2].Value["groups"]![0]!;
        renamed["type"]!.GetValue<string>().ShouldBe("group_settings_update");
        renamed["group_subject"]!.ToJsonString().ShouldBe("""{"text":"Watch Collectors","update_successful":true}""");
        changes[3].Value["groups"]![0]!["type"]!.GetValue<string>().ShouldBe("group_suspend");
    }

    [Fact]
    public async Task CreatingAGroupThroughTheApiSendsItsGroupCreateWithTheAnswersRequestId()
    {
        var (status, answer) = await CloudApi.SendAsync(Client, new { messaging_product = "whatsapp", subject = "Support Squad" },
            path: $"/v23.0/{ParleyFactory.PhoneNumberId}/groups");
        status.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());

        var webhook = (await Eventually.Get(() => Receiver.Received.ToList(), r => r.Count >= 1)).ShouldHaveSingleItem();
        var (field, value) = OnlyChange(webhook);
        field.ShouldBe(EventKinds.GroupLifecycle);
        var created = value["groups"]!.AsArray().ShouldHaveSingleItem()!;
        created["type"]!.GetValue<string>().ShouldBe("group_create");
        created["request_id"]!.GetValue<string>().ShouldBe(answer["request_id"]!.GetValue<string>());
        created["subject"]!.GetValue<string>().ShouldBe("Support Squad");
        created["invite_link"]!.GetValue<string>().ShouldStartWith(GroupIds.InviteLinkPrefix);
    }

    [Fact]
    public async Task ASubscriptionFilteredToOneGroupFieldGetsOnlyThatFieldsEvents()
    {
        await using var participantsOnly = await WebhookReceiver.StartAsync();
        await Tenants.SubscribeAsync(Parley, ParleyFactory.PhoneNumberId, participantsOnly.Url, events: EventKinds.GroupParticipants);

        var group = await GroupWebhookKit.CreateAsync(Parley, Client);
        await GroupWebhookKit.JoinAsync(Parley, group, Ana);
        await GroupWebhookKit.PostAsync(Parley, group, Ana, "Hello all");

        // The '*' subscription got all three; by then the filtered one was offered each in turn.
        await Eventually.Get(() => Receiver.Received.Count, n => n >= 3);
        var only = (await Eventually.Get(() => participantsOnly.Received.ToList(), r => r.Count >= 1)).ShouldHaveSingleItem();
        var (field, value) = OnlyChange(only);
        field.ShouldBe(EventKinds.GroupParticipants);
        value["groups"]![0]!["added_participants"]![0]!["wa_id"]!.GetValue<string>().ShouldBe(Ana);
    }

    [Fact]
    public async Task AParticipantsPostArrivesWithThemAsContactAndSenderAndTheGroupId()
    {
        var group = await GroupWebhookKit.CreateAsync(Parley, Client);
        await GroupWebhookKit.JoinAsync(Parley, group, Ana);

        var id = await GroupWebhookKit.PostAsync(Parley, group, Ana, "Is the meetup still on?", profileName: "Ana Lima");

        var messages = await Eventually.Get(() => Changes(Receiver).Where(c => c.Field == "messages").ToList(), c => c.Count >= 1);
        var (_, value) = messages.ShouldHaveSingleItem();
        var contact = value["contacts"]!.AsArray().ShouldHaveSingleItem()!;
        contact["wa_id"]!.GetValue<string>().ShouldBe(Ana);
        contact["profile"]!["name"]!.GetValue<string>().ShouldBe("Ana Lima");
        var message = value["messages"]!.AsArray().ShouldHaveSingleItem()!;
        message["id"]!.GetValue<string>().ShouldBe(id);
        message["from"]!.GetValue<string>().ShouldBe(Ana);
        message["group_id"]!.GetValue<string>().ShouldBe(group.Id);
        message["text"]!["body"]!.GetValue<string>().ShouldBe("Is the meetup still on?");
    }

    [Fact]
    public async Task StatusesOfAGroupMessageNameTheGroupAndADeliveredOrReadOneNamesItsParticipant()
    {
        var group = await GroupWebhookKit.CreateAsync(Parley, Client);
        await GroupWebhookKit.JoinAsync(Parley, group, Ana);
        await GroupWebhookKit.JoinAsync(Parley, group, Ben);

        var id = await GroupWebhookKit.SendAsync(Client, group);
        var sent = (await Eventually.Get(() => Receiver.Statuses().ToList(), s => s.Count >= 1)).ShouldHaveSingleItem();
        await GroupWebhookKit.ReportAsync(Parley, id, MessageStatus.Delivered, Ana);
        await GroupWebhookKit.ReportAsync(Parley, id, MessageStatus.Read, Ana);

        var statuses = await Eventually.Get(() => Receiver.Statuses().ToList(), s => s.Count >= 3);
        statuses.Select(s => s["status"]!.GetValue<string>()).ShouldBe(["sent", "delivered", "read"]);
        statuses.ShouldAllBe(s => s["id"]!.GetValue<string>() == id && s["recipient_id"]!.GetValue<string>() == group.Id
            && s["recipient_type"]!.GetValue<string>() == "group");
        sent["recipient_participant_id"].ShouldBeNull();
        statuses.Skip(1).ShouldAllBe(s => s["recipient_participant_id"]!.GetValue<string>() == Ana);
        (await CloudApi.GetMessageAsync(Client, id))["status"]!.GetValue<string>().ShouldBe("read");
    }

    [Fact]
    public async Task TheChannelsHistoryOfAGroupHoldsItsPostsAndSendsUnderTheGroupId()
    {
        var group = await GroupWebhookKit.CreateAsync(Parley, Client);
        await GroupWebhookKit.JoinAsync(Parley, group, Ana);
        var post = await GroupWebhookKit.PostAsync(Parley, group, Ana, "First!");
        var send = await GroupWebhookKit.SendAsync(Client, group);

        var (status, page) = await Tenants.GetAsync(Client, $"/api/channels/{ParleyFactory.PhoneNumberId}/messages?peer={group.Id}");

        status.ShouldBe(HttpStatusCode.OK, page.ToJsonString());
        var items = page["data"]!.AsArray().Select(i => i!.AsObject()).ToList();
        items.Select(i => i["id"]!.GetValue<string>()).ShouldBe([send, post]);
        items.ShouldAllBe(i => i["peer"]!.GetValue<string>() == group.Id);
        items[0]["message"]!["recipient_type"]!.GetValue<string>().ShouldBe("group");
        items[1]["direction"]!.GetValue<string>().ShouldBe("inbound");
        items[1]["message"]!["from"]!.GetValue<string>().ShouldBe(Ana);
        items[1]["message"]!["group_id"]!.GetValue<string>().ShouldBe(group.Id);
        // The participant's own chat is not the group's.
        var (_, own) = await Tenants.GetAsync(Client, $"/api/channels/{ParleyFactory.PhoneNumberId}/messages?peer={Ana}");
        own["data"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public void ABatchWritesOneChangePerGroupFieldAfterTheMessagesChangesWithItsItemsInOrder()
    {
        var channel = new Channel(ParleyFactory.PhoneNumberId, ParleyFactory.WabaId, ParleyFactory.DisplayPhoneNumber, "1", "Acme", "sandbox", "{}", "s", 80, DateTimeOffset.UnixEpoch);
        var at = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        OutboxEvent Event(string kind, string payload) => new(1, "wh", channel.PhoneNumberId, kind, payload, at, 0, null, null);
        var joined = GroupEvents.ParticipantsAdded("G1", at, [new GroupEventParticipant(null, Ana)]);
        var left = GroupEvents.ParticipantsRemoved("G1", at, null, GroupEvents.ByParticipant, [new GroupEventParticipant(null, Ben)]);
        var status = CanonicalEvents.Status(new StatusEvent(channel.PhoneNumberId, at, "wamid.1", MessageStatus.Sent), "G1", null, "group", null);

        var body = new CloudApiWebhookFormat().Render(channel,
        [
            Event(EventKinds.GroupParticipants, joined), Event(EventKinds.GroupStatus, GroupEvents.StatusChanged("G1", false, at)),
            Event(EventKinds.Statuses, status), Event(EventKinds.GroupParticipants, left), Event(EventKinds.GroupLifecycle, GroupEvents.Deleted("G1", "R1", at)),
        ]);

        var changes = JsonNode.Parse(Encoding.UTF8.GetString(body))!["entry"]![0]!["changes"]!.AsArray();
        changes.Select(c => c!["field"]!.GetValue<string>()).ShouldBe(
            ["messages", EventKinds.GroupLifecycle, EventKinds.GroupParticipants, EventKinds.GroupStatus]);
        changes[0]!["value"]!["statuses"]![0]!["recipient_type"]!.GetValue<string>().ShouldBe("group");
        changes[2]!["value"]!["groups"]!.AsArray().Select(g => g!["type"]!.GetValue<string>()).ShouldBe(["group_participants_add", "group_participants_remove"]);
        changes[2]!["value"]!["groups"]![1]!["initiated_by"]!.GetValue<string>().ShouldBe("participant");
        changes[3]!["value"]!["groups"]![0]!["type"]!.GetValue<string>().ShouldBe("group_suspend_cleared");
        changes[3]!["value"]!["metadata"]!["phone_number_id"]!.GetValue<string>().ShouldBe(ParleyFactory.PhoneNumberId);
    }
}
