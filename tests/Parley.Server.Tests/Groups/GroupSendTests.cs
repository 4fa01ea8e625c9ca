using System.Net;
using Parley.Core.Groups;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Pricing;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Groups;

/// <summary>
/// Sending to a group (<c>recipient_type: "group"</c>): the answer names the group; what groups refuse is refused at
/// once with Meta's codes; read receipts and typing indicators of messages posted in a group are refused.
/// </summary>
public sealed class GroupSendTests : ParleyTest
{
    private static string MessagesPath => $"/{GroupKit.Version}/{ParleyFactory.PhoneNumberId}/messages";

    private static object Text(string groupId) => new
    {
        messaging_product = "whatsapp", recipient_type = "group", to = groupId, type = "text", text = new { body = "Hello group" },
    };

    private async Task<string> GroupWithAParticipantAsync()
    {
        var groupId = await GroupKit.CreateAsync(Client);
        await GroupKit.AddParticipantAsync(Parley, groupId, "16505550001");
        return groupId;
    }

    [Fact]
    public async Task ATextToAGroupIsAcceptedAndTheAnswerNamesTheGroup()
    {
        var groupId = await GroupWithAParticipantAsync();

        var (status, body) = await CloudApi.SendAsync(Client, Text(groupId), MessagesPath);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["contacts"]![0]!["input"]!.GetValue<string>().ShouldBe(groupId);
        body["contacts"]![0]!["wa_id"]!.GetValue<string>().ShouldBe(groupId);
        var message = body["messages"]![0]!;
        message["group_id"]!.GetValue<string>().ShouldBe(groupId);
        var stored = await CloudApi.GetMessageAsync(Client, message["id"]!.GetValue<string>());
        stored["peer"]!.GetValue<string>().ShouldBe(groupId);
        stored["direction"]!.GetValue<string>().ShouldBe("outbound");
    }

    [Fact]
    public async Task ASendToAnUnknownADeletedOrAnotherNumbersGroupIsRefusedWith131041()
    {
        var deleted = await GroupWithAParticipantAsync();
        (await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupKit.GroupPath(deleted))).Status.ShouldBe(HttpStatusCode.OK);
        var other = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var otherClient = Parley.CreateClient();
        otherClient.DefaultRequestHeaders.Authorization = new("Bearer", other.Token);
        var othersGroup = await GroupKit.CreateAsync(otherClient, phoneNumberId: other.PhoneNumberId);
        await GroupKit.AddParticipantAsync(Parley, othersGroup, "16505550001");

        foreach (var groupId in new[] { GroupIds.New(ParleyFactory.PhoneNumberId), deleted, othersGroup })
        {
            var (status, body) = await CloudApi.SendAsync(Client, Text(groupId), MessagesPath);
            status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
            body.Code().ShouldBe(131041);
        }
    }

    [Fact]
    public async Task ASendToASuspendedGroupIsRefusedWith131207()
    {
        var groupId = await GroupWithAParticipantAsync();
        await GroupKit.SuspendAsync(Parley, groupId);

        var (status, body) = await CloudApi.SendAsync(Client, Text(groupId), MessagesPath);

        status.ShouldBe(HttpStatusCode.Forbidden, body.ToJsonString());
        body.Code().ShouldBe(131207);
    }

    [Fact]
    public async Task ASendToAGroupWithNoParticipantIsRefusedWith131020()
    {
        var groupId = await GroupKit.CreateAsync(Client);

        var (status, body) = await CloudApi.SendAsync(Client, Text(groupId), MessagesPath);

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(131020);
    }

    [Fact]
    public async Task InteractiveMessagesAndReactionsAreRefusedInAGroupWith131051()
    {
        var groupId = await GroupWithAParticipantAsync();
        var interactive = new
        {
            messaging_product = "whatsapp", recipient_type = "group", to = groupId, type = "interactive",
            interactive = new { type = "button", body = new { text = "Pick" }, action = new { buttons = new[] { new { type = "reply", reply = new { id = "a", title = "A" } } } } },
        };
        var posted = await GroupKit.ParticipantPostsAsync(Parley, groupId, "16505550001");
        var reaction = new
        {
            messaging_product = "whatsapp", recipient_type = "group", to = groupId, type = "reaction", reaction = new { message_id = posted, emoji = "👍" },
        };

        var (status, body) = await CloudApi.SendAsync(Client, interactive, MessagesPath);
        var (reactionStatus, reacted) = await CloudApi.SendAsync(Client, reaction, MessagesPath);

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(131051);
        reactionStatus.ShouldBe(HttpStatusCode.BadRequest, reacted.ToJsonString());
        reacted.Code().ShouldBe(131051);
    }

    [Fact]
    public async Task AnAuthenticationTemplateIsRefusedInAGroupButAUtilityTemplateIsAccepted()
    {
        var groupId = await GroupWithAParticipantAsync();
        await TemplateApi.CreateApprovedAsync(Client, PricingKit.Authentication());
        await TemplateApi.CreateApprovedAsync(Client, PricingKit.Utility());
        var code = PricingKit.Code(groupId);
        code["recipient_type"] = "group";

        var (status, body) = await CloudApi.SendAsync(Client, code, MessagesPath);
        var (utilityStatus, utility) = await CloudApi.SendAsync(Client, new
        {
            messaging_product = "whatsapp", recipient_type = "group", to = groupId, type = "template",
            template = new { name = "shipping_update", language = new { code = "en_US" } },
        }, MessagesPath);

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(131051);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("Authentication templates");
        utilityStatus.ShouldBe(HttpStatusCode.OK, utility.ToJsonString());
        utility["messages"]![0]!["group_id"]!.GetValue<string>().ShouldBe(groupId);
    }

    [Fact]
    public async Task MarkingAGroupMessageAsReadOrTypingInTheGroupIsRefusedAndLeavesItUnread()
    {
        var groupId = await GroupWithAParticipantAsync();
        var posted = await GroupKit.ParticipantPostsAsync(Parley, groupId, "16505550001");

        var (status, body) = await CloudApi.SendAsync(Client, new { messaging_product = "whatsapp", status = "read", message_id = posted }, MessagesPath);
        var (typingStatus, typing) = await CloudApi.SendAsync(Client,
            new { messaging_product = "whatsapp", status = "read", message_id = posted, typing_indicator = new { type = "text" } }, MessagesPath);

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(131051);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("group");
        typingStatus.ShouldBe(HttpStatusCode.BadRequest, typing.ToJsonString());
        typing.Code().ShouldBe(131051);
        typing.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("typing indicators");
        (await CloudApi.GetMessageAsync(Client, posted))["status"]!.GetValue<string>().ShouldNotBe("read");
    }

    [Fact]
    public async Task MarkingAOneToOneMessageAsReadStillWorks()
    {
        var inbound = await CloudApi.UserWritesAsync(Client, "16505550001");

        var (status, body) = await CloudApi.SendAsync(Client, new { messaging_product = "whatsapp", status = "read", message_id = inbound }, MessagesPath);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        (await CloudApi.GetMessageAsync(Client, inbound))["status"]!.GetValue<string>().ShouldBe("read");
    }
}
