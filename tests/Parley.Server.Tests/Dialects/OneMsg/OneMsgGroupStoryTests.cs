using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Groups;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Upstreams.Sandbox;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>
/// A group's whole life in the 1msg dialect, through HTTP only: created with <c>POST /groups</c>, joined through its
/// invite link by two simulated users whose join requests are approved, sent text and an image that every participant
/// receives, replied to by a participant (a message of the group's chat with its author), renamed, trimmed and
/// deleted — each step seen in 1msg's webhook and in the state afterwards.
/// </summary>
public sealed class OneMsgGroupStoryTests : SandboxGroupTest
{
    private const string Ana = "16505556001";
    private const string Ben = "16505556002";

    [Fact]
    public async Task AGroupIsCreatedJoinedMessagedRenamedTrimmedAndDeletedInOneMsgsShapes()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        (await OneMsgClient.PostJsonAsync(Client, "settings", $$"""{"webhookUrl":"{{webhook.Url}}","ackNotificationsOn":true}""")).Status.ShouldBe(HttpStatusCode.OK);
        List<JsonObject> Items(string array) =>
            [.. webhook.Received.Select(r => r.Json).Where(b => b[array] is not null).SelectMany(b => b[array]!.AsArray()).Select(i => i!.AsObject())];
        Task<List<JsonObject>> EventsAsync(string type, int count = 1) =>
            Eventually.Get(() => Items("groupEvents").Where(e => e["type"]!.GetValue<string>() == type).ToList(), e => e.Count >= count);

        // The business creates a group that needs approval; 1msg answers its id, chat id and invite link at once.
        var (createStatus, created) = await OneMsgClient.PostJsonAsync(Client, "groups",
            """{"groupName":"Book club","description":"One book a month","joinApprovalMode":"approval_required"}""");
        createStatus.ShouldBe(HttpStatusCode.OK, created.ToJsonString());
        var groupId = created["id"]!.GetValue<string>();
        var chatId = created["chatId"]!.GetValue<string>();
        var link = created["inviteLink"]!.GetValue<string>();
        chatId.ShouldBe(groupId + "@g.us");
        (await EventsAsync("group_create"))[0]["chatId"]!.GetValue<string>().ShouldBe(chatId);

        // Ana and Ben open the link and ask to join; the business approves both requests.
        foreach (var user in new[] { Ana, Ben })
        {
            var (joinStatus, joined) = await SimulateAsync("/join", new { invite_link = link, from = user });
            joinStatus.ShouldBe(HttpStatusCode.OK, joined.ToJsonString());
            joined["result"]!.GetValue<string>().ShouldBe("requested");
        }
        await EventsAsync("group_join_request_created", 2);
        var (_, open) = await OneMsgClient.GetAsync(Client, $"groups/{groupId}/joinRequests");
        var requests = open["joinRequests"]!.AsArray();
        requests.Select(r => r!["chatId"]!.GetValue<string>()).ShouldBe([Ana + "@c.us", Ben + "@c.us"], ignoreOrder: true);
        var ids = new JsonArray([.. requests.Select(r => (JsonNode)r!["id"]!.GetValue<string>())]);
        var (approveStatus, approved) = await OneMsgClient.PostJsonAsync(Client, $"groups/{groupId}/joinRequests", new JsonObject { ["joinRequests"] = ids }.ToJsonString());
        approveStatus.ShouldBe(HttpStatusCode.OK, approved.ToJsonString());
        approved["approved"]!.AsArray().Count.ShouldBe(2);
        approved["failed"]!.AsArray().ShouldBeEmpty();
        (await EventsAsync("group_participants_add", 2)).SelectMany(e => e["addedParticipants"]!.AsArray())
            .Select(p => p!["chatId"]!.GetValue<string>()).ShouldBe([Ana + "@c.us", Ben + "@c.us"], ignoreOrder: true);
        var info = (await OneMsgClient.GetAsync(Client, $"groups/{groupId}")).Body;
        info["participants"]!.AsArray().Select(p => p!["chatId"]!.GetValue<string>()).ShouldBe([Ana + "@c.us", Ben + "@c.us"], ignoreOrder: true);

        // The business sends text and an image to the group's chat: both participants receive both, each acked.
        var text = await OneMsgClient.SentAsync(Client, "sendMessage", $$"""{"chatId":"{{chatId}}","body":"Welcome, readers!"}""");
        var jpeg = Convert.ToBase64String(GroupKit.Image(256, 256));
        var image = await OneMsgClient.SentAsync(Client, "sendFile", $$"""{"chatId":"{{chatId}}","body":"data:image/jpeg;base64,{{jpeg}}","filename":"cover.jpg","caption":"This month's book"}""");
        foreach (var user in new[] { Ana, Ben })
        {
            var view = await Eventually.Get(async () => (await Tenants.GetAsync(Client, $"{SimulatorPath}/{groupId}/participants/{user}/messages")).Body,
                v => v["data"]!.AsArray().Count >= 2);
            view["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ShouldBe([text, image], ignoreOrder: true);
        }
        var acks = await Eventually.Get(() => Items("ack").Where(a => a["id"]!.GetValue<string>() == image && a["status"]!.GetValue<string>() == "delivered").ToList(), a => a.Count >= 2);
        acks.ShouldAllBe(a => a["chatId"]!.GetValue<string>() == chatId);

        // Ana replies in the group: a message of the group's chat, authored by her.
        var (replyStatus, reply) = await SimulateAsync($"/{groupId}/messages", new { from = Ana, profile_name = "Ana", type = "text", text = new { body = "Started it already" } });
        replyStatus.ShouldBe(HttpStatusCode.OK, reply.ToJsonString());
        var replyId = reply["messages"]![0]!["id"]!.GetValue<string>();
        var inbound = (await Eventually.Get(() => Items("messages"), m => m.Any(x => x["id"]!.GetValue<string>() == replyId))).Single(m => m["id"]!.GetValue<string>() == replyId);
        inbound["chatId"]!.GetValue<string>().ShouldBe(chatId);
        inbound["author"]!.GetValue<string>().ShouldBe(Ana + "@c.us");
        inbound["fromMe"]!.GetValue<bool>().ShouldBeFalse();
        inbound["body"]!.GetValue<string>().ShouldBe("Started it already");

        // The subject changes: group_settings_update arrives and the group answers the new subject.
        (await OneMsgClient.PostJsonAsync(Client, $"groups/{groupId}", """{"subject":"Book club 2027"}""")).Status.ShouldBe(HttpStatusCode.OK);
        (await EventsAsync("group_settings_update"))[0]["groupSubject"]!["text"]!.GetValue<string>().ShouldBe("Book club 2027");
        (await OneMsgClient.GetAsync(Client, $"groups/{groupId}", "&fields=subject")).Body["subject"]!.GetValue<string>().ShouldBe("Book club 2027");

        // Ben is removed: group_participants_update says so and only Ana is left.
        var (removeStatus, removed) = await OneMsgClient.CallAsync(Client, HttpMethod.Delete, $"groups/{groupId}/participants", $$"""{"participants":["{{Ben}}"]}""");
        removeStatus.ShouldBe(HttpStatusCode.OK, removed.ToJsonString());
        removed["removedParticipants"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe([Ben + "@c.us"]);
        (await EventsAsync("group_participants_remove"))[0]["initiatedBy"]!.GetValue<string>().ShouldBe("business");
        (await OneMsgClient.GetAsync(Client, $"groups/{groupId}")).Body["participants"]!.AsArray()
            .Select(p => p!["chatId"]!.GetValue<string>()).ShouldBe([Ana + "@c.us"]);

        // The group is deleted: group_delete arrives; the group is unknown afterwards and its chat takes no messages.
        var (deleteStatus, deleted) = await OneMsgClient.CallAsync(Client, HttpMethod.Delete, $"groups/{groupId}");
        deleteStatus.ShouldBe(HttpStatusCode.OK, deleted.ToJsonString());
        await EventsAsync("group_delete");
        OneMsgGroupClient.ErrorOf(await OneMsgClient.GetAsync(Client, $"groups/{groupId}")).ShouldContain("131041");
        var (sendStatus, refused) = await OneMsgClient.PostJsonAsync(Client, "sendMessage", $$"""{"chatId":"{{chatId}}","body":"Anyone?"}""");
        sendStatus.ShouldBe(HttpStatusCode.BadRequest, refused.ToJsonString());
        refused["error"]!.GetValue<string>().ShouldContain("131041");
        (await OneMsgClient.GetAsync(Client, "groups")).Body["groups"]!.AsArray().ShouldBeEmpty();
    }
}
