using System.Net;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Media;
using Parley.Server.Tests.Upstreams.Sandbox;

namespace Parley.Server.Tests.Groups;

/// <summary>
/// A group's whole life in the Cloud API dialect, through HTTP only: the business creates it and learns its id and
/// invite link from the <c>group_create</c> webhook, simulated users ask to join through the link and are approved,
/// the business sends text and an image that every participant receives, a participant replies, the subject changes,
/// a participant is removed, and the group is deleted — each step with its webhook and the state afterwards.
/// </summary>
public sealed class GroupStoryTests : SandboxGroupTest
{
    private const string Ana = "16505554001";
    private const string Ben = "16505554002";

    [Fact]
    public async Task AGroupIsCreatedJoinedMessagedRenamedTrimmedAndDeleted()
    {
        // The business creates a group that needs approval to join; the id and link come in the group_create webhook.
        var (createStatus, created) = await Tenants.PostAsync(Client, GroupsPath,
            new { messaging_product = "whatsapp", subject = "Spring launch", description = "Early access", join_approval_mode = "approval_required" });
        createStatus.ShouldBe(HttpStatusCode.OK, created.ToJsonString());
        var requestId = created["request_id"]!.GetValue<string>();
        var creation = await Eventually.Get(() => GroupEvents("group_lifecycle_update"), e => e.Any(g => g["request_id"]?.GetValue<string>() == requestId));
        var group = creation.Single(g => g["request_id"]?.GetValue<string>() == requestId);
        var groupId = group["group_id"]!.GetValue<string>();
        var link = group["invite_link"]!.GetValue<string>();
        group["type"]!.GetValue<string>().ShouldBe("group_create");
        group["join_approval_mode"]!.GetValue<string>().ShouldBe("approval_required");
        link.ShouldStartWith("https://chat.whatsapp.com/");

        // Ana and Ben open the link; the group needs approval, so each asks to join and the business approves both.
        foreach (var user in new[] { Ana, Ben })
        {
            var (joinStatus, joined) = await SimulateAsync("/join", new { invite_link = link, from = user, name = user == Ana ? "Ana" : "Ben" });
            joinStatus.ShouldBe(HttpStatusCode.OK, joined.ToJsonString());
            joined["result"]!.GetValue<string>().ShouldBe("requested");
        }
        var requested = await Eventually.Get(() => GroupEvents("group_participants_update"), e => e.Count(g => g["type"]!.GetValue<string>() == "group_join_request_created") >= 2);
        requested.Where(g => g["type"]!.GetValue<string>() == "group_join_request_created").Select(g => g["wa_id"]!.GetValue<string>()).ShouldBe([Ana, Ben], ignoreOrder: true);
        var (_, open) = await Tenants.GetAsync(Client, GroupPath(groupId, "join_requests"));
        var requestIds = open["data"]!.AsArray().Select(r => r!["join_request_id"]!.GetValue<string>()).ToArray();
        requestIds.Length.ShouldBe(2);
        var (approveStatus, approved) = await Tenants.PostAsync(Client, GroupPath(groupId, "join_requests"), new { messaging_product = "whatsapp", join_requests = requestIds });
        approveStatus.ShouldBe(HttpStatusCode.OK, approved.ToJsonString());
        approved["approved_join_requests"]!.AsArray().Count.ShouldBe(2);
        var added = await Eventually.Get(() => GroupEvents("group_participants_update").Where(g => g["type"]!.GetValue<string>() == "group_participants_add").ToList(), a => a.Count >= 2);
        added.SelectMany(a => a["added_participants"]!.AsArray()).Select(p => p!["wa_id"]!.GetValue<string>()).ShouldBe([Ana, Ben], ignoreOrder: true);
        (await ParticipantsAsync(groupId)).ShouldBe([Ana, Ben], ignoreOrder: true);

        // The business sends text and an image to the group: both participants receive both.
        var text = await CloudApi.SendOkAsync(Client, new { messaging_product = "whatsapp", recipient_type = "group", to = groupId, type = "text", text = new { body = "Welcome!" } });
        var mediaId = await MediaCalls.UploadOkAsync(Client, GroupKit.Image(256, 256), "image/jpeg");
        var image = await CloudApi.SendOkAsync(Client, new { messaging_product = "whatsapp", recipient_type = "group", to = groupId, type = "image", image = new { id = mediaId, caption = "The poster" } });
        foreach (var user in new[] { Ana, Ben })
        {
            var view = await Eventually.Get(async () => (await Tenants.GetAsync(Client, $"{SimulatorPath}/{groupId}/participants/{user}/messages")).Body,
                v => v["data"]!.AsArray().Count >= 2);
            view["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ShouldBe([text, image], ignoreOrder: true);
        }
        var delivered = await Eventually.Get(() => Receiver.Statuses().Where(s => s["status"]!.GetValue<string>() == "delivered" && s["id"]!.GetValue<string>() == image).ToList(), s => s.Count >= 2);
        delivered.Select(s => s["recipient_participant_id"]!.GetValue<string>()).ShouldBe([Ana, Ben], ignoreOrder: true);
        delivered.ShouldAllBe(s => s["recipient_id"]!.GetValue<string>() == groupId && s["recipient_type"]!.GetValue<string>() == "group");

        // Ana replies in the group: the business's webhook names the group and Ana as the author.
        var (replyStatus, reply) = await SimulateAsync($"/{groupId}/messages", new { from = Ana, type = "text", text = new { body = "Count me in" }, context = new { id = text } });
        replyStatus.ShouldBe(HttpStatusCode.OK, reply.ToJsonString());
        var replyId = reply["messages"]![0]!["id"]!.GetValue<string>();
        var inbound = (await Eventually.Get(() => Receiver.Messages(), m => m.Any(x => x["id"]!.GetValue<string>() == replyId))).Single(m => m["id"]!.GetValue<string>() == replyId);
        inbound["group_id"]!.GetValue<string>().ShouldBe(groupId);
        inbound["from"]!.GetValue<string>().ShouldBe(Ana);
        inbound["text"]!["body"]!.GetValue<string>().ShouldBe("Count me in");

        // The subject changes: group_settings_update arrives and the group answers the new subject.
        var (renameStatus, renamed) = await Tenants.PostAsync(Client, GroupPath(groupId), new { messaging_product = "whatsapp", subject = "Spring launch 2027" });
        renameStatus.ShouldBe(HttpStatusCode.OK, renamed.ToJsonString());
        var settings = await GroupEventAsync("group_settings_update", "group_settings_update", groupId);
        settings["group_subject"]!["text"]!.GetValue<string>().ShouldBe("Spring launch 2027");
        (await Tenants.GetAsync(Client, GroupPath(groupId) + "?fields=subject")).Body["subject"]!.GetValue<string>().ShouldBe("Spring launch 2027");

        // Ben is removed: group_participants_update says so and only Ana is left.
        var (removeStatus, removedBody) = await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupPath(groupId, "participants"),
            new { messaging_product = "whatsapp", participants = new[] { new { user = "+" + Ben } } });
        removeStatus.ShouldBe(HttpStatusCode.OK, removedBody.ToJsonString());
        var removal = await GroupEventAsync("group_participants_update", "group_participants_remove", groupId);
        removal["initiated_by"]!.GetValue<string>().ShouldBe("business");
        removal["removed_participants"]!.AsArray().Select(p => p!["input"]!.GetValue<string>()).ShouldBe(["+" + Ben]);
        var (_, info) = await Tenants.GetAsync(Client, GroupPath(groupId) + "?fields=participants,total_participant_count");
        info["participants"]!.AsArray().Select(p => p!["wa_id"]!.GetValue<string>()).ShouldBe([Ana]);
        info["total_participant_count"]!.GetValue<int>().ShouldBe(1);

        // The group is deleted: group_delete arrives; the group is unknown afterwards and takes no more messages.
        (await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupPath(groupId))).Status.ShouldBe(HttpStatusCode.OK);
        await GroupEventAsync("group_lifecycle_update", "group_delete", groupId);
        var (goneStatus, gone) = await Tenants.GetAsync(Client, GroupPath(groupId) + "?fields=subject");
        goneStatus.ShouldBe(HttpStatusCode.BadRequest, gone.ToJsonString());
        gone.Code().ShouldBe(131041);
        var (sendStatus, refused) = await CloudApi.SendAsync(Client, new { messaging_product = "whatsapp", recipient_type = "group", to = groupId, type = "text", text = new { body = "Anyone?" } });
        sendStatus.ShouldBe(HttpStatusCode.BadRequest, refused.ToJsonString());
        refused.Code().ShouldBe(131041);
        (await Tenants.GetAsync(Client, GroupsPath)).Body["data"]!["groups"]!.AsArray().ShouldBeEmpty();
    }

    private static string GroupPath(string groupId, string edge = "") => GroupKit.GroupPath(groupId, edge);
}
