using System.Net;
using System.Text.Json.Nodes;
using Parley.Core.Groups;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// Meta's group webhooks at <c>/webhooks/meta</c>: each <c>groups[]</c> item changes the meta channel's mirror of its
/// groups and reaches the channel's subscriptions as Meta sent it; group messages and their per-participant statuses
/// come back through ingest, and a group send goes to Meta as it was accepted.
/// </summary>
public sealed class MetaGroupWebhookTests : MetaGroupTestBase
{
    private const string GroupId = "Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD";
    private const string Participant = "16505550021";

    [Fact]
    public async Task GroupCreateWebhookPutsTheGroupInTheMirrorUnderMetasIdAndIsPassedOnAsSent()
    {
        var created = Created();

        await DeliverGroupsAsync("group_lifecycle_update", created);

        var group = (await Groups.GetAsync(GroupId, CancellationToken.None)).ShouldNotBeNull();
        (group.ChannelId, group.Subject, group.Description, group.JoinApprovalMode, group.InviteCode, group.IsActive)
            .ShouldBe((Channel.PhoneNumberId, "Watch club", "Timepieces", JoinApprovalModes.ApprovalRequired, "LinkCode00000000000001", true));
        var (field, item) = (await GroupEventsAsync(1)).ShouldHaveSingleItem();
        field.ShouldBe("group_lifecycle_update");
        JsonNode.DeepEquals(item, created).ShouldBeTrue(item.ToJsonString());
    }

    [Fact]
    public async Task ARedeliveredCreateIsPassedOnAgainWithoutASecondGroup()
    {
        await DeliverGroupsAsync("group_lifecycle_update", Created());
        await DeliverGroupsAsync("group_lifecycle_update", Created());

        (await GroupEventsAsync(2)).Count.ShouldBe(2);
        (await Groups.CountActiveAsync(Channel.PhoneNumberId, CancellationToken.None)).ShouldBe(1);
    }

    [Fact]
    public async Task AFailedCreateIsPassedOnAndItsGroupIdTakesNoSend()
    {
        var failed = Created();
        failed.Remove("invite_link");
        failed["errors"] = new JsonArray(Error(131211, "Group create limit reached"));

        await DeliverGroupsAsync("group_lifecycle_update", failed);

        (await GroupEventsAsync(1)).ShouldHaveSingleItem().Item["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131211);
        (await Groups.GetAsync(GroupId, CancellationToken.None))!.IsActive.ShouldBeFalse();
        (await Groups.CountActiveAsync(Channel.PhoneNumberId, CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task MalformedOrUnknownGroupItemsAreAnswered200AndChangeNothing()
    {
        await DeliverGroupsAsync("group_lifecycle_update", Created());
        var unknownType = Item("group_renamed", new JsonObject { ["subject"] = "x" });
        var noGroupId = Created();
        noGroupId.Remove("group_id");
        var otherGroup = Item("group_suspend", []);
        otherGroup["group_id"] = "Y2FwaV9ncm91cDpvdGhlcgZD";
        var wrongTypes = new JsonObject { ["type"] = 7, ["group_id"] = new JsonArray(), ["added_participants"] = "none" };

        await DeliverGroupsAsync("group_lifecycle_update", unknownType, noGroupId, wrongTypes);
        await DeliverGroupsAsync("group_status_update", otherGroup);
        await DeliverGroupsAsync("group_participants_update", Item("group_participants_add", new JsonObject { ["added_participants"] = "none" }));

        await GroupEventsAsync(1);
        await Task.Delay(300); // room for anything passed on by mistake
        var events = GroupEventsReceived();
        events.Select(e => e.Item["type"]!.GetValue<string>()).ShouldBe(["group_create", "group_participants_add"]);
        (await Groups.GetAsync(GroupId, CancellationToken.None))!.Suspended.ShouldBeFalse();
        (await Groups.GetAsync("Y2FwaV9ncm91cDpvdGhlcgZD", CancellationToken.None)).ShouldBeNull();
        (await Participants()).ShouldBeEmpty();
    }

    [Fact]
    public async Task ParticipantsJoinAskToJoinLeaveAndAreRemovedInTheMirrorAsMetaReports()
    {
        await DeliverGroupsAsync("group_lifecycle_update", Created());

        await DeliverGroupsAsync("group_participants_update", Item("group_participants_add", new JsonObject
        {
            ["reason"] = "invite_link",
            ["added_participants"] = new JsonArray(new JsonObject { ["wa_id"] = "16505550021" }, new JsonObject { ["input"] = "+1 650 555 0022", ["wa_id"] = "16505550022" }),
        }));
        await DeliverGroupsAsync("group_participants_update", Item("group_join_request_created", new JsonObject
        {
            ["reason"] = "admin_approval", ["join_request_id"] = "JR-1", ["wa_id"] = "16505550031",
        }));
        await DeliverGroupsAsync("group_participants_update", Item("group_join_request_created", new JsonObject { ["join_request_id"] = "JR-2", ["wa_id"] = "16505550032" }));
        await DeliverGroupsAsync("group_participants_update", Item("group_join_request_revoked", new JsonObject { ["join_request_id"] = "JR-2", ["wa_id"] = "16505550032" }));
        (await Participants()).ShouldBe(["16505550021", "16505550022"], ignoreOrder: true);
        (await Groups.ListOpenJoinRequestsAsync(GroupId, CancellationToken.None)).ShouldHaveSingleItem().Id.ShouldBe("JR-1");

        // Removed by the business (one of them was no participant), then a participant leaves on their own.
        await DeliverGroupsAsync("group_participants_update", Item("group_participants_remove", new JsonObject
        {
            ["request_id"] = "REQ-7",
            ["initiated_by"] = "business",
            ["removed_participants"] = new JsonArray(new JsonObject { ["input"] = "+1 (650) 555-0021" }),
            ["failed_participants"] = new JsonArray(new JsonObject { ["input"] = "16505550099", ["errors"] = new JsonArray(Error(131212, "Participant is not a part of the group.")) }),
            ["errors"] = new JsonArray(Error(131201, "Request partially succeeded")),
        }));
        await DeliverGroupsAsync("group_participants_update", Item("group_participants_remove", new JsonObject
        {
            ["removed_participants"] = new JsonArray(new JsonObject { ["wa_id"] = "16505550022" }), ["initiated_by"] = "participant",
        }));

        (await Participants()).ShouldBeEmpty();
        var events = await GroupEventsAsync(7);
        events.Select(e => e.Item["type"]!.GetValue<string>()).ShouldBe([
            "group_create", "group_participants_add", "group_join_request_created", "group_join_request_created",
            "group_join_request_revoked", "group_participants_remove", "group_participants_remove",
        ]);
        events.Skip(1).ShouldAllBe(e => e.Field == "group_participants_update");
        events[5].Item["failed_participants"]![0]!["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131212);
        // Removed by the business: they cannot come back through the link, unlike the one who left.
        var now = DateTimeOffset.UtcNow;
        (await Groups.AddParticipantAsync(new GroupParticipant(GroupId, "16505550021", null, now), 8, [], now, CancellationToken.None)).ShouldBe(Storage.ParticipantAdded.Removed);
        (await Groups.AddParticipantAsync(new GroupParticipant(GroupId, "16505550022", null, now), 8, [], now, CancellationToken.None)).ShouldBe(Storage.ParticipantAdded.Added);
    }

    [Fact]
    public async Task SettingsSuspensionAndDeletionReachTheMirrorAndALateItemOfADeletedGroupIsIgnored()
    {
        await DeliverGroupsAsync("group_lifecycle_update", Created());

        await DeliverGroupsAsync("group_settings_update", Item("group_settings_update", new JsonObject
        {
            ["request_id"] = "REQ-8",
            ["group_subject"] = new JsonObject { ["text"] = "Watch enthusiasts", ["update_successful"] = true },
            ["group_description"] = new JsonObject { ["text"] = "Rejected text", ["update_successful"] = false, ["errors"] = new JsonArray(Error(131200, "Invalid description")) },
            ["errors"] = new JsonArray(Error(131201, "Request partially succeeded")),
        }));
        var settled = (await Groups.GetAsync(GroupId, CancellationToken.None))!;
        (settled.Subject, settled.Description).ShouldBe(("Watch enthusiasts", "Timepieces"));

        await DeliverGroupsAsync("group_status_update", Item("group_suspend", []));
        (await Groups.GetAsync(GroupId, CancellationToken.None))!.Suspended.ShouldBeTrue();
        await DeliverGroupsAsync("group_status_update", Item("group_suspend_cleared", []));
        (await Groups.GetAsync(GroupId, CancellationToken.None))!.Suspended.ShouldBeFalse();

        await DeliverGroupsAsync("group_lifecycle_update", Item("group_delete", new JsonObject { ["request_id"] = "REQ-9" }));
        (await Groups.GetAsync(GroupId, CancellationToken.None))!.State.ShouldBe(GroupStates.Deleted);
        await DeliverGroupsAsync("group_participants_update", Item("group_participants_add", new JsonObject
        {
            ["reason"] = "invite_link", ["added_participants"] = new JsonArray(new JsonObject { ["wa_id"] = Participant }),
        }));

        var events = await GroupEventsAsync(5);
        await Task.Delay(300); // room for the ignored item, were it passed on
        GroupEventsReceived().Select(e => (e.Field, e.Item["type"]!.GetValue<string>())).ShouldBe([
            ("group_lifecycle_update", "group_create"), ("group_settings_update", "group_settings_update"),
            ("group_status_update", "group_suspend"), ("group_status_update", "group_suspend_cleared"), ("group_lifecycle_update", "group_delete"),
        ]);
        events[1].Item["group_description"]!["update_successful"]!.GetValue<bool>().ShouldBeFalse();
        (await Participants()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AGroupSendGoesToMetaAsAGroupSendAndItsStatusesComeBackPerParticipant()
    {
        await Tenants.SubscribeAsync(Parley, Channel.PhoneNumberId, Receiver.Url);
        await DeliverGroupsAsync("group_lifecycle_update", Created());
        await DeliverGroupsAsync("group_participants_update", Item("group_participants_add", new JsonObject
        {
            ["reason"] = "invite_link", ["added_participants"] = new JsonArray(new JsonObject { ["wa_id"] = Participant }),
        }));
        using var client = ChannelClient();

        var (status, answer) = await CloudApi.SendAsync(client, new
        {
            messaging_product = "whatsapp", recipient_type = "group", to = GroupId, type = "text", text = new { body = "Hello, group" },
        }, path: Channel.MessagesPath);

        status.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
        var id = answer["messages"]![0]!["id"]!.GetValue<string>();
        var call = (await Eventually.Get(() => Graph.Calls, c => c.Count >= 1, TimeSpan.FromSeconds(15))).ShouldHaveSingleItem();
        call.PhoneNumberId.ShouldBe(Channel.UpstreamPhoneNumberId);
        (call.Body["recipient_type"]!.GetValue<string>(), call.To, call.Body["text"]!["body"]!.GetValue<string>()).ShouldBe(("group", GroupId, "Hello, group"));
        var wamid = GraphAnswer.Wamid(call);

        await DeliverStatusAsync(wamid, "sent", participant: null);
        await DeliverStatusAsync(wamid, "delivered", Participant);

        var statuses = await Eventually.Get(() => Receiver.Statuses(), s => s.Count >= 2, TimeSpan.FromSeconds(15));
        statuses.ShouldAllBe(s => s["id"]!.GetValue<string>() == id && s["recipient_id"]!.GetValue<string>() == GroupId && s["recipient_type"]!.GetValue<string>() == "group");
        statuses.Select(s => (s["status"]!.GetValue<string>(), s["recipient_participant_id"]?.GetValue<string>())).ShouldBe([("sent", null), ("delivered", Participant)]);
    }

    [Fact]
    public async Task AParticipantsPostInAGroupArrivesWithTheGroupIdAndIsStoredInTheGroupsChat()
    {
        await Tenants.SubscribeAsync(Parley, Channel.PhoneNumberId, Receiver.Url);
        await DeliverGroupsAsync("group_lifecycle_update", Created());
        var message = new JsonObject
        {
            ["from"] = Participant, ["group_id"] = GroupId, ["id"] = "wamid.group-post-1", ["timestamp"] = Now(), ["type"] = "text",
            ["text"] = new JsonObject { ["body"] = "Hi all" },
        };
        var inbound = MetaChannels.Envelope(Channel.UpstreamPhoneNumberId, new JsonObject
        {
            ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Participant" }, ["wa_id"] = Participant }),
            ["messages"] = new JsonArray(message),
        });
        using var webhook = Parley.CreateClient();

        (await MetaChannels.PostWebhookAsync(webhook, inbound)).ShouldBe(HttpStatusCode.OK);

        var received = (await Eventually.Get(() => Receiver.Messages(), m => m.Count >= 1, TimeSpan.FromSeconds(15))).ShouldHaveSingleItem();
        (received["from"]!.GetValue<string>(), received["group_id"]!.GetValue<string>(), received["text"]!["body"]!.GetValue<string>())
            .ShouldBe((Participant, GroupId, "Hi all"));
        using var client = ChannelClient();
        var (_, inGroup) = await Tenants.GetAsync(client, $"/api/channels/{Channel.PhoneNumberId}/messages?direction=inbound&peer={GroupId}");
        var (_, withParticipant) = await Tenants.GetAsync(client, $"/api/channels/{Channel.PhoneNumberId}/messages?direction=inbound&peer={Participant}");
        inGroup["data"]!.AsArray().ShouldHaveSingleItem(inGroup.ToJsonString())!["id"]!.GetValue<string>().ShouldBe("wamid.group-post-1");
        withParticipant["data"]!.AsArray().ShouldBeEmpty();
    }

    private async Task DeliverStatusAsync(string wamid, string status, string? participant)
    {
        var item = new JsonObject { ["id"] = wamid, ["status"] = status, ["timestamp"] = Now(), ["recipient_id"] = GroupId, ["recipient_type"] = "group" };
        if (participant is not null)
        {
            item["recipient_participant_id"] = participant;
        }
        using var client = Parley.CreateClient();
        var body = MetaChannels.Envelope(Channel.UpstreamPhoneNumberId, new JsonObject { ["statuses"] = new JsonArray(item) });
        // Answered 503 while the status overtakes the send's answer (Parley learns the wamid from it): Meta delivers it again.
        (await Eventually.Get(() => MetaChannels.PostWebhookAsync(client, body), s => s != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10)))
            .ShouldBe(HttpStatusCode.OK);
    }

    private async Task<IReadOnlyList<string>> Participants() =>
        [.. (await Groups.ListParticipantsAsync(GroupId, CancellationToken.None)).Select(p => p.WaId)];

    private static JsonObject Created() => Item("group_create", new JsonObject
    {
        ["request_id"] = "913542006714822", ["subject"] = "Watch club", ["description"] = "Timepieces",
        ["invite_link"] = "https://chat.whatsapp.com/LinkCode00000000000001", ["join_approval_mode"] = "approval_required",
    });

    private static JsonObject Item(string type, JsonObject fields)
    {
        var item = new JsonObject { ["timestamp"] = Now(), ["group_id"] = GroupId, ["type"] = type };
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            item[name] = value;
        }
        return item;
    }

    private static JsonObject Error(int code, string title) => new()
    {
        ["code"] = code, ["message"] = $"(#{code}) {title}", ["title"] = title, ["error_data"] = new JsonObject { ["details"] = title },
    };
}
