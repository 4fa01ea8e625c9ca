using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>
/// <c>/sendFlow</c> checks the flow it names, as the Cloud API's send does (the accept path's flow check): a PUBLISHED
/// flow of the instance's account is sent, a DRAFT one only with <c>mode: "draft"</c>; an unknown or DEPRECATED flow is
/// refused with 131009 naming the flow, in 1msg's <c>{"error"}</c>, and nothing is stored.
/// </summary>
public sealed class OneMsgFlowSendTests : ParleyTest
{
    private const string User = "12020721369";

    private static string SendFlow(string flowId, string? mode = null)
    {
        var request = new JsonObject
        {
            ["chatId"] = User + "@c.us", ["body"] = "Sign up", ["flowId"] = flowId, ["flowToken"] = "token-1", ["flowCta"] = "Open",
            ["flowAction"] = "navigate", ["flowActionScreen"] = "WELCOME",
        };
        if (mode is not null)
        {
            request["mode"] = mode;
        }
        return request.ToJsonString();
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await OneMsgClient.UserWritesAsync(Client, User);
    }

    [Fact]
    public async Task APublishedFlowIsSentAndADraftOnlyInDraftMode()
    {
        var published = await OneMsgFlowClient.CreatePublishedAsync(Client, "Published");
        var draft = await OneMsgFlowClient.CreateAsync(Client, "Draft", OneMsgFlowClient.ValidFlowJson);

        var sent = await OneMsgClient.SentAsync(Client, "sendFlow", SendFlow(published));
        var sentDraft = await OneMsgClient.SentAsync(Client, "sendFlow", SendFlow(draft, mode: "draft"));
        var refusedDraft = OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "sendFlow", SendFlow(draft)));

        (await CloudApi.GetMessageAsync(Client, sent))["id"]!.GetValue<string>().ShouldBe(sent);
        (await CloudApi.GetMessageAsync(Client, sentDraft))["id"]!.GetValue<string>().ShouldBe(sentDraft);
        refusedDraft.ShouldStartWith("(#131009)");
        refusedDraft.ShouldContain(draft);
    }

    [Fact]
    public async Task AnUnknownFlowIsRefusedWith131009NamingIt()
    {
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "sendFlow", SendFlow("4242424242424242"));

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        var error = body["error"]!.GetValue<string>();
        error.ShouldStartWith("(#131009)");
        error.ShouldContain("4242424242424242");
    }

    [Fact]
    public async Task ADeprecatedFlowIsRefusedWith131009NamingIt()
    {
        var id = await OneMsgFlowClient.CreatePublishedAsync(Client);
        (await OneMsgFlowClient.PostAsync(Client, $"flows/{id}/deprecate")).Status.ShouldBe(HttpStatusCode.OK);

        var error = OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "sendFlow", SendFlow(id)));

        error.ShouldStartWith("(#131009)");
        error.ShouldContain(id);
    }
}
