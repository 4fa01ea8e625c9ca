using System.Net;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>1msg sends to a group (<c>chatId: "&lt;group id&gt;@g.us"</c>): the types groups take, and the history afterwards.</summary>
public sealed class OneMsgGroupSendTests : ParleyTest
{
    private const string Member = "12025550101";

    private async Task<string> GroupWithAMemberAsync()
    {
        var id = await OneMsgGroupClient.CreateIdAsync(Client);
        await OneMsgGroupClient.JoinAsync(Parley, id, Member);
        return id;
    }

    [Fact]
    public async Task ATextToAGroupIsSentToItsChatIdAndListedInTheGroupsChat()
    {
        var group = await GroupWithAMemberAsync();

        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "sendMessage", $$"""{"chatId":"{{group}}@g.us","body":"Hello, group"}""");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["sent"]!.GetValue<bool>().ShouldBeTrue();
        body["message"]!.GetValue<string>().ShouldBe($"Sent to {group}@g.us");
        var id = body["id"]!.GetValue<string>();
        var (_, history) = await OneMsgClient.GetAsync(Client, "messages", "&chatId=" + Uri.EscapeDataString(group + "@g.us"));
        var listed = history["messages"]!.AsArray().Single()!;
        listed["id"]!.GetValue<string>().ShouldBe(id);
        listed["chatId"]!.GetValue<string>().ShouldBe(group + "@g.us");
        listed["body"]!.GetValue<string>().ShouldBe("Hello, group");
        listed["fromMe"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task FilesStickersAndTemplatesToAGroupAreSent()
    {
        var group = await GroupWithAMemberAsync();
        await TemplateApi.CreateApprovedAsync(Client, OneMsgSendTests.StartTemplate());

        var ids = new[]
        {
            await OneMsgClient.SentAsync(Client, "sendFile", $$"""{"chatId":"{{group}}@g.us","body":"https://example.com/1.jpg","filename":"1.jpg","caption":"An image"}"""),
            await OneMsgClient.SentAsync(Client, "sendFile", $$"""{"chatId":"{{group}}@g.us","body":"https://example.com/terms.pdf","filename":"terms.pdf"}"""),
            await OneMsgClient.SentAsync(Client, "sendSticker", $$"""{"chatId":"{{group}}@g.us","link":"https://example.com/s.webp"}"""),
            await OneMsgClient.SentAsync(Client, "sendTemplate", $$"""{"chatId":"{{group}}@g.us","namespace":"ns_1","template":"start","language":{"policy":"deterministic","code":"en"},"params":[{"type":"body","parameters":[{"type":"text","text":"John"}]},{"type":"button","sub_type":"coupon_code","index":0,"parameters":[{"type":"coupon_code","coupon_code":"SAVE10"}]}]}"""),
        };

        var (_, history) = await OneMsgClient.GetAsync(Client, "messages", "&chatId=" + Uri.EscapeDataString(group + "@g.us"));
        var listed = history["messages"]!.AsArray();
        listed.Select(m => m!["id"]!.GetValue<string>()).ShouldBe(ids);
        listed.Select(m => m!["type"]!.GetValue<string>()).ShouldBe(["image", "document", "sticker", "template"]);
        listed.ShouldAllBe(m => m!["chatId"]!.GetValue<string>() == group + "@g.us");
    }
}
