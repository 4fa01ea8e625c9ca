using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Upstreams;
using Parley.Storage;

namespace Parley.Server.Tests.Upstreams.Sandbox;

/// <summary>
/// Messages in the sandbox's groups: a participant's post reaches the business with <c>group_id</c> and its author; a
/// business message to a group is delivered to every participant, with <c>sent</c> once for the group and
/// <c>delivered</c>/<c>read</c> per participant; a group with no participants fails the send with 131020.
/// </summary>
public sealed class SandboxGroupMessagesTests : SandboxGroupTest
{
    private const string Ana = "16505553001";

    /// <summary>Ends in 0101: a simulated user who never reads (docs/sandbox.md).</summary>
    private const string NeverReads = "16505550101";

    private static object GroupText(string groupId, string body = "Welcome to the group") =>
        new { messaging_product = "whatsapp", recipient_type = "group", to = groupId, type = "text", text = new { body } };

    [Fact]
    public async Task AParticipantsPostReachesTheBusinessWithTheGroupIdAndTheAuthor()
    {
        var (group, link) = await CreateGroupAsync();
        await JoinAsync(link, Ana);

        var (status, body) = await SimulateAsync($"/{group}/messages", new { from = Ana, profile_name = "Ana", type = "text", text = new { body = "Hi all" } });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var id = body["messages"]![0]!["id"]!.GetValue<string>();
        var messages = await Eventually.Get(() => Receiver.Messages(), m => m.Any(x => x["id"]!.GetValue<string>() == id));
        var message = messages.Single(m => m["id"]!.GetValue<string>() == id);
        message["group_id"]!.GetValue<string>().ShouldBe(group);
        message["from"]!.GetValue<string>().ShouldBe(Ana);
        message["text"]!["body"]!.GetValue<string>().ShouldBe("Hi all");
        var contact = Receiver.Received.Select(r => r.Json["entry"]![0]!["changes"]![0]!["value"]!)
            .Where(v => v["messages"] is JsonArray m && m.Any(x => x!["id"]!.GetValue<string>() == id))
            .Select(v => v["contacts"]![0]!).Single();
        contact["wa_id"]!.GetValue<string>().ShouldBe(Ana);
        contact["profile"]!["name"]!.GetValue<string>().ShouldBe("Ana");
    }

    [Fact]
    public async Task AParticipantPostsMediaLocationsAndContactsAndReactsToTheBusinesssGroupMessage()
    {
        var (group, link) = await CreateGroupAsync();
        await JoinAsync(link, Ana);
        var sent = await CloudApi.SendOkAsync(Client, GroupText(group));

        var (imageStatus, image) = await SimulateAsync($"/{group}/messages", new { from = Ana, type = "image", image = new { size = 2048, caption = "Look" } });
        var (reactionStatus, reaction) = await SimulateAsync($"/{group}/messages", new { from = Ana, type = "reaction", reaction = new { message_id = sent, emoji = "👍" } });
        var (locationStatus, location) = await SimulateAsync($"/{group}/messages", new { from = Ana, type = "location", location = new { latitude = 38.72, longitude = -9.14, name = "Here" } });
        var (contactsStatus, contacts) = await SimulateAsync($"/{group}/messages",
            new { from = Ana, type = "contacts", contacts = new[] { new { name = new { formatted_name = "Ben" }, phones = new[] { new { phone = "+16505553002" } } } } });

        imageStatus.ShouldBe(HttpStatusCode.OK, image.ToJsonString());
        reactionStatus.ShouldBe(HttpStatusCode.OK, reaction.ToJsonString());
        locationStatus.ShouldBe(HttpStatusCode.OK, location.ToJsonString());
        contactsStatus.ShouldBe(HttpStatusCode.OK, contacts.ToJsonString());
        var messages = await Eventually.Get(() => Receiver.Messages(), m => m.Count(x => x["group_id"] is not null) >= 4);
        var posted = messages.Where(m => m["group_id"]?.GetValue<string>() == group).ToList();
        posted.Select(m => m["type"]!.GetValue<string>()).ShouldBe(["image", "reaction", "location", "contacts"], ignoreOrder: true);
        posted.Single(m => m["type"]!.GetValue<string>() == "image")["image"]!["id"].ShouldNotBeNull();
    }

    [Fact]
    public async Task OnlyParticipantsPostAndOnlyTypesAGroupTakes()
    {
        var (group, link) = await CreateGroupAsync();
        await JoinAsync(link, Ana);
        var individual = await CloudApi.UserWritesAsync(Client, "16505553999");

        var (outsider, refused) = await SimulateAsync($"/{group}/messages", new { from = "16505553002", type = "text", text = new { body = "Let me in" } });
        var (interactive, unsupported) = await SimulateAsync($"/{group}/messages",
            new { from = Ana, type = "interactive", interactive = new { type = "button_reply", button_reply = new { id = "b", title = "B" } }, context = new { id = "x" } });
        var (elsewhere, notInGroup) = await SimulateAsync($"/{group}/messages", new { from = Ana, type = "reaction", reaction = new { message_id = individual, emoji = "👍" } });
        var (unknown, noGroup) = await SimulateAsync("/Y2FwaV9ncm91cDpub3RoaW5n/messages", new { from = Ana, type = "text", text = new { body = "?" } });

        outsider.ShouldBe(HttpStatusCode.BadRequest);
        refused.Code().ShouldBe(131212);
        interactive.ShouldBe(HttpStatusCode.BadRequest);
        unsupported.Code().ShouldBe(131051);
        elsewhere.ShouldBe(HttpStatusCode.BadRequest);
        notInGroup.Code().ShouldBe(131009);
        unknown.ShouldBe(HttpStatusCode.BadRequest);
        noGroup.Code().ShouldBe(131041);
        Receiver.Messages().Where(m => m["group_id"] is not null).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"from":"16505553001","type":"text","text":{"body":"hi"},"context":{"id":["x"]}}""")]
    [InlineData("""{"from":"16505553001","type":"reaction","reaction":"not an object"}""")]
    [InlineData("""{"from":"16505553001","type":"text","text":"not an object"}""")]
    [InlineData("""{"from":"16505553001","type":"location"}""")]
    [InlineData("""{"from":["16505553001"],"type":"text","text":{"body":"hi"}}""")]
    [InlineData("""{"from":"16505553001","type":"image","image":{"data":"%%%not base64"}}""")]
    public async Task AHostilePostIsRefusedWithA4xx(string json)
    {
        var (group, link) = await CreateGroupAsync();
        await JoinAsync(link, Ana);

        var (status, body) = await CloudApi.SendRawAsync(Client, json, $"{SimulatorPath}/{group}/messages");

        ((int)status).ShouldBeInRange(400, 499, body.ToJsonString());
        body.Error()["code"].ShouldNotBeNull();
    }

    [Fact]
    public async Task AGroupMessageIsDeliveredToEveryParticipantWithTheirOwnDeliveredAndRead()
    {
        var (group, link) = await CreateGroupAsync();
        await JoinAsync(link, Ana);
        await JoinAsync(link, NeverReads);

        var id = await CloudApi.SendOkAsync(Client, GroupText(group));

        var statuses = await Eventually.Get(() => Receiver.Statuses().Where(s => s["id"]!.GetValue<string>() == id).ToList(), s => s.Count >= 4);
        statuses.ShouldAllBe(s => s["recipient_id"]!.GetValue<string>() == group && s["recipient_type"]!.GetValue<string>() == "group");
        statuses.Select(s => (s["status"]!.GetValue<string>(), s["recipient_participant_id"]?.GetValue<string>())).ShouldBe(
            [("sent", null), ("delivered", Ana), ("read", Ana), ("delivered", NeverReads)], ignoreOrder: true);
        (await CloudApi.WaitForStatusAsync(Client, id, "read"))["status"]!.GetValue<string>().ShouldBe("read");
        var (_, anaView) = await Tenants.GetAsync(Client, $"{SimulatorPath}/{group}/participants/{Ana}/messages");
        var (_, neverView) = await Tenants.GetAsync(Client, $"{SimulatorPath}/{group}/participants/{NeverReads}/messages");
        anaView["data"]!.AsArray().Select(m => (m!["id"]!.GetValue<string>(), m["status"]!.GetValue<string>())).ShouldBe([(id, "read")]);
        anaView["data"]![0]!["message"]!["text"]!["body"]!.GetValue<string>().ShouldBe("Welcome to the group");
        neverView["data"]!.AsArray().Select(m => m!["status"]!.GetValue<string>()).ShouldBe(["delivered"]);
    }

    [Fact]
    public async Task ParticipantStatusesNameTheParticipantsBsuidAndTheirNumberOnlyWhenShared()
    {
        var (group, link) = await CreateGroupAsync();
        await JoinAsync(link, Ana);
        var (_, hidden) = await SimulateAsync("/join", new { invite_link = link, from = "16505550505" });
        var hiddenBsuid = hidden["user_id"]!.GetValue<string>();

        var id = await CloudApi.SendOkAsync(Client, GroupText(group));

        var delivered = await Eventually.Get(
            () => Receiver.Statuses().Where(s => s["id"]!.GetValue<string>() == id && s["status"]!.GetValue<string>() == "delivered").ToList(), s => s.Count >= 2);
        var ana = delivered.Single(s => s["recipient_participant_id"]?.GetValue<string>() == Ana);
        ana["recipient_participant_user_id"]!.GetValue<string>().ShouldStartWith("US.");
        var bsuidOnly = delivered.Single(s => s["recipient_participant_id"] is null);
        bsuidOnly["recipient_participant_user_id"]!.GetValue<string>().ShouldBe(hiddenBsuid);
        bsuidOnly["recipient_id"]!.GetValue<string>().ShouldBe(group);
    }

    [Fact]
    public async Task AParticipantWhoRepliesAutomaticallyAnswersInTheGroupQuotingTheMessage()
    {
        var (group, link) = await CreateGroupAsync();
        await JoinAsync(link, "16505550202");

        var id = await CloudApi.SendOkAsync(Client, GroupText(group));

        var messages = await Eventually.Get(() => Receiver.Messages(), m => m.Any(x => x["context"]?["id"]?.GetValue<string>() == id));
        var reply = messages.Single(m => m["context"]?["id"]?.GetValue<string>() == id);
        reply["group_id"]!.GetValue<string>().ShouldBe(group);
        reply["from"]!.GetValue<string>().ShouldBe("16505550202");
        reply["text"]!["body"]!.GetValue<string>().ShouldStartWith("Auto-reply");
    }

    [Fact]
    public async Task AParticipantWhoLeftDoesNotReceiveTheNextGroupMessage()
    {
        var (group, link) = await CreateGroupAsync();
        await JoinAsync(link, Ana);
        await JoinAsync(link, NeverReads);
        (await SimulateAsync($"/{group}/leave", new { from = NeverReads })).Status.ShouldBe(HttpStatusCode.OK);

        var id = await CloudApi.SendOkAsync(Client, GroupText(group));

        var statuses = await Eventually.Get(() => Receiver.Statuses().Where(s => s["id"]!.GetValue<string>() == id).ToList(), s => s.Count >= 3);
        statuses.Select(s => (s["status"]!.GetValue<string>(), s["recipient_participant_id"]?.GetValue<string>())).ShouldBe(
            [("sent", null), ("delivered", Ana), ("read", Ana)], ignoreOrder: true);
        var (_, view) = await Tenants.GetAsync(Client, $"{SimulatorPath}/{group}/participants/{NeverReads}/messages");
        view["data"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task AGroupMessageToAGroupWithNoParticipantsFailsWith131020()
    {
        var (group, _) = await CreateGroupAsync();

        var (status, body) = await CloudApi.SendAsync(Client, GroupText(group));

        // The send's own check refuses it at once (400); a message that got past it fails when the network delivers it.
        if (status == HttpStatusCode.BadRequest)
        {
            body.Code().ShouldBe(131020);
            return;
        }
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var id = body["messages"]![0]!["id"]!.GetValue<string>();
        (await CloudApi.WaitForStatusAsync(Client, id, "failed"))["status"]!.GetValue<string>().ShouldBe("failed");
        var failed = await Eventually.Get(() => Receiver.Statuses().Where(s => s["id"]!.GetValue<string>() == id).ToList(), s => s.Count > 0);
        failed.Single()["status"]!.GetValue<string>().ShouldBe("failed");
        failed.Single()["recipient_type"]!.GetValue<string>().ShouldBe("group");
        failed.Single()["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131020);
    }

    [Fact]
    public async Task TheNetworkRefusesAGroupMessageWhoseGroupEmptiedWasSuspendedOrDeletedSinceTheSend()
    {
        var (group, link) = await CreateGroupAsync();
        var (deleted, _) = await CreateGroupAsync(subject: "Deleted");
        var store = Parley.Services.GetRequiredService<IGroupStore>();
        var sandbox = Parley.Services.GetServices<IUpstream>().Single(u => u.Kind == "sandbox");
        var channel = (await Parley.Services.GetRequiredService<IAccountStore>().GetChannelAsync(ParleyFactory.PhoneNumberId, CancellationToken.None))!;
        OutboundMessage To(string groupId) => new(MessageIds.NewWamid(), channel.PhoneNumberId, groupId, groupId, "group", "text",
            $$$"""{"messaging_product":"whatsapp","recipient_type":"group","to":"{{{groupId}}}","type":"text","text":{"body":"hi"}}""", null, null, DateTimeOffset.UtcNow);
        await store.UpdateAsync((await store.GetAsync(deleted, CancellationToken.None))! with { State = "deleted" }, [], DateTimeOffset.UtcNow, CancellationToken.None);

        var empty = await sandbox.SendAsync(channel, To(group), CancellationToken.None);
        var gone = await sandbox.SendAsync(channel, To(deleted), CancellationToken.None);
        await JoinAsync(link, Ana);
        (await SimulateAsync($"/{group}/suspend", client: Admin)).Status.ShouldBe(HttpStatusCode.OK);
        var suspended = await sandbox.SendAsync(channel, To(group), CancellationToken.None);

        empty.ShouldBeOfType<UpstreamResult.Rejected>().Error.Code.ShouldBe(131020);
        gone.ShouldBeOfType<UpstreamResult.Rejected>().Error.Code.ShouldBe(131041);
        suspended.ShouldBeOfType<UpstreamResult.Rejected>().Error.Code.ShouldBe(131207);
    }
}
