using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Groups;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Pricing;
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

    public static TheoryData<string, string> MethodsGroupsRefuse() => new()
    {
        { "sendButton", """{"body":"Pick one","sections":[{"type":"reply","reply":{"id":"1","title":"Yes"}}]}""" },
        { "sendList", """{"body":"Choose","action":"List","sections":[{"title":"S","rows":[{"id":"1","title":"Option 1"}]}]}""" },
        { "sendLocation", """{"lat":"45.018337","lng":"-73.968285"}""" },
        { "sendContact", """{"contacts":[{"name":{"formatted_name":"John Smith","first_name":"John"},"phones":[{"phone":"+16505551234"}]}]}""" },
        { "sendReaction", """{"body":"👍","quotedMsgId":"wamid.HBgLdemo-text-001"}""" },
        { "sendLocationRequest", """{"body":"Where are you?"}""" },
        { "sendFlow", """{"body":"Sign up","flowId":"1234567890","flowToken":"t-1","flowCta":"Open","flowAction":"navigate","flowActionScreen":"WELCOME"}""" },
        { "sendCtaUrl", """{"body":"See more","displayText":"Open","url":"https://example.com"}""" },
        { "sendProduct", """{"body":"One product","action":{"catalog_id":"123","product_retailer_id":"SKU-1"}}""" },
    };

    [Theory]
    [MemberData(nameof(MethodsGroupsRefuse))]
    public async Task AMethodGroupsDoNotTakeIsRefusedWith131051AndNothingIsStored(string method, string fields)
    {
        var group = await GroupWithAMemberAsync();
        var json = JsonNode.Parse(fields)!.AsObject();
        json["chatId"] = group + "@g.us";

        var error = OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, method, json.ToJsonString()));

        error.ShouldStartWith("(#131051)");
        (await OneMsgClient.GetAsync(Client, "messages", "&chatId=" + Uri.EscapeDataString(group + "@g.us"))).Body["messages"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ASendToAnUnknownOrDeletedGroupIs131041AndToAGroupWithoutParticipants131020()
    {
        var empty = await OneMsgGroupClient.CreateIdAsync(Client, "Nobody yet");
        var deleted = await GroupWithAMemberAsync();
        (await OneMsgClient.CallAsync(Client, HttpMethod.Delete, "groups/" + deleted)).Status.ShouldBe(HttpStatusCode.OK);

        OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "sendMessage", """{"chatId":"Y2FwaV9ncm91cDoxMDY1NDAzNTIyNDI5MjI6MTIwMzYzMDAwMDAwMDAwMDAw@g.us","body":"Hi"}"""))
            .ShouldStartWith("(#131041)");
        OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "sendMessage", $$"""{"chatId":"{{deleted}}@g.us","body":"Hi"}""")).ShouldStartWith("(#131041)");
        OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "sendMessage", $$"""{"chatId":"{{empty}}@g.us","body":"Hi"}""")).ShouldStartWith("(#131020)");
        (await OneMsgClient.GetAsync(Client, "messages")).Body["messages"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task AnAuthenticationTemplateToAGroupIsRefusedWith131051()
    {
        var group = await GroupWithAMemberAsync();
        await TemplateApi.CreateApprovedAsync(Client, PricingKit.Authentication());

        var error = OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "sendTemplate",
            $$"""{"chatId":"{{group}}@g.us","namespace":"ns_1","template":"login_code","language":{"policy":"deterministic","code":"en_US"},"params":[{"type":"body","parameters":[{"type":"text","text":"482913"}]},{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"482913"}]}]}"""));

        error.ShouldStartWith("(#131051)");
    }

    [Fact]
    public async Task MarkingAParticipantsPostInAGroupAsReadIsRefusedWith131051()
    {
        var group = await GroupWithAMemberAsync();
        var post = await GroupKit.ParticipantPostsAsync(Parley, group, Member);

        var error = OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "readMessage", $$"""{"messageId":"{{post}}"}"""));

        error.ShouldStartWith("(#131051)");
        var (_, history) = await OneMsgClient.GetAsync(Client, "messages", "&chatId=" + Uri.EscapeDataString(group + "@g.us"));
        history["messages"]!.AsArray().Single()!["id"]!.GetValue<string>().ShouldBe(post);
    }
}
