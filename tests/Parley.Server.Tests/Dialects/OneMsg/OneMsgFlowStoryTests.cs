using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;
using Parley.Server.Tests.Upstreams.Sandbox;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>
/// A flow's whole life in the 1msg dialect: created through <c>/flows</c> with Flow JSON that has a validation error
/// (listed), fixed through <c>/flows/{id}/assets</c>, published, sent with <c>/sendFlow</c> and as a template's FLOW
/// button with <c>/sendTemplate</c>, completed by a simulated user each time (the reply reaches the 1msg webhook with the
/// exact response JSON), deprecated, and then refused in 1msg's error format.
/// </summary>
public sealed class OneMsgFlowStoryTests : SandboxFlowTest
{
    [Fact]
    public async Task AFlowIsFixedPublishedSentTwiceCompletedEachTimeDeprecatedAndThenRefused()
    {
        await using var onemsg = await WebhookReceiver.StartAsync();
        await Tenants.PostCreatedAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks", new { url = onemsg.Url, format = "onemsg" });

        // Created with an unknown property on its text input: the flow exists, as a draft, with the error listed.
        var broken = SignUpFlowJson.Replace("\"label\": \"Name\",", "\"label\": \"Name\", \"initial-text\": \"x\",", StringComparison.Ordinal);
        var (createStatus, created) = await OneMsgFlowClient.PostAsync(Client, "flows",
            new JsonObject { ["name"] = "Story sign up", ["categories"] = "SIGN_UP,OTHER", ["flowJson"] = broken }.ToJsonString());
        createStatus.ShouldBe(HttpStatusCode.OK, created.ToJsonString());
        var flowId = created["id"]!.GetValue<string>();
        var error = created["flowJson"]!["validationErrors"]!.AsArray().ShouldHaveSingleItem()!;
        (error["error"]!.GetValue<string>(), error["errorType"]!.GetValue<string>()).ShouldBe(("INVALID_PROPERTY", "JSON_SCHEMA_ERROR"));
        error["lineStart"]!.GetValue<int>().ShouldBe(10);

        // Publishing is refused while the error is there; a fixed asset clears it and publishing then works.
        var (refusedStatus, refused) = await OneMsgFlowClient.PostAsync(Client, $"flows/{flowId}/publish");
        refusedStatus.ShouldBe(HttpStatusCode.BadRequest, refused.ToJsonString());
        refused["error"]!.GetValue<string>().ShouldStartWith("(#139002)");
        var (fixStatus, fixedFlow) = await OneMsgFlowClient.PatchAsync(Client, $"flows/{flowId}/assets", new JsonObject { ["flowJson"] = SignUpFlowJson }.ToJsonString());
        fixStatus.ShouldBe(HttpStatusCode.OK, fixedFlow.ToJsonString());
        fixedFlow["validationErrors"]!.AsArray().ShouldBeEmpty();
        var (publishStatus, published) = await OneMsgFlowClient.PostAsync(Client, $"flows/{flowId}/publish");
        publishStatus.ShouldBe(HttpStatusCode.OK, published.ToJsonString());
        (await OneMsgFlowClient.StatusAsync(Client, flowId)).ShouldBe("PUBLISHED");

        // Sent with /sendFlow, the user completes it: the 1msg webhook carries exactly what they answered.
        await OneMsgClient.UserWritesAsync(Client, User);
        var interactive = await OneMsgClient.SentAsync(Client, "sendFlow", SendFlow(flowId, "story-1"));
        (await CompleteAsync(onemsg, interactive, "Ana", "m")).ShouldBe("""{"flow_token":"story-1","customer":"Ana","size":"m","source":"sandbox"}""");

        // Sent as a template's FLOW button, the user completes it again with the send's flow token.
        var (addStatus, added) = await OneMsgClient.PostJsonAsync(Client, "addTemplate", FlowButtonTemplate("story_sign_up", "en", flowId).ToJsonString());
        addStatus.ShouldBe(HttpStatusCode.OK, added.ToJsonString());
        await TemplateApi.SetStatusAsync(Client, added["id"]!.GetValue<string>(), "APPROVED");
        var template = await OneMsgClient.SentAsync(Client, "sendTemplate", SendTemplate(added["namespace"]!.GetValue<string>(), "story-2"));
        (await CompleteAsync(onemsg, template, "Ben", "s")).ShouldBe("""{"flow_token":"story-2","customer":"Ben","size":"s","source":"sandbox"}""");

        // Deprecated, neither kind of send takes it any more, in 1msg's error format.
        var (deprecateStatus, deprecated) = await OneMsgFlowClient.PostAsync(Client, $"flows/{flowId}/deprecate");
        deprecateStatus.ShouldBe(HttpStatusCode.OK, deprecated.ToJsonString());
        (await OneMsgFlowClient.StatusAsync(Client, flowId)).ShouldBe("DEPRECATED");
        foreach (var (method, body) in new[] { ("sendFlow", SendFlow(flowId, "late")), ("sendTemplate", SendTemplate(added["namespace"]!.GetValue<string>(), "late")) })
        {
            var (status, answer) = await OneMsgClient.PostJsonAsync(Client, method, body);
            status.ShouldBe(HttpStatusCode.BadRequest, answer.ToJsonString());
            answer["error"]!.GetValue<string>().ShouldStartWith("(#131009)");
            answer["error"]!.GetValue<string>().ShouldContain(flowId);
        }
    }

    /// <summary>The user opens the flow of <paramref name="messageId"/>, answers both screens, and the 1msg webhook receives the reply; its response JSON.</summary>
    private async Task<string> CompleteAsync(WebhookReceiver onemsg, string messageId, string name, string size)
    {
        var opened = await StepAsync("open", new { message_id = messageId });
        var confirm = await StepAsync("submit", new { session = opened["session"]!.GetValue<string>(), form = new { name } });
        var done = await StepAsync("submit", new { session = confirm["session"]!.GetValue<string>(), form = new { size } });
        var replyId = done["message_id"]!.GetValue<string>();
        var reply = (await Eventually.Get(
            () => onemsg.Received.Select(r => JsonNode.Parse(r.Body)!).SelectMany(b => b["messages"]?.AsArray() ?? []).Select(m => m!.AsObject())
                .Where(m => m["id"]?.GetValue<string>() == replyId).ToList(),
            m => m.Count > 0)).ShouldHaveSingleItem();
        reply["type"]!.GetValue<string>().ShouldBe("interactive");
        reply["quotedMsgId"]!.GetValue<string>().ShouldBe(messageId);
        reply["fromMe"]!.GetValue<bool>().ShouldBeFalse();
        reply["body"]!.GetValue<string>().ShouldBe(done["response_json"]!.GetValue<string>());
        return reply["body"]!.GetValue<string>();
    }

    private static string SendFlow(string flowId, string flowToken) => new JsonObject
    {
        ["chatId"] = User + "@c.us", ["body"] = "Join us", ["flowId"] = flowId, ["flowToken"] = flowToken, ["flowCta"] = "Sign up",
        ["flowAction"] = "navigate", ["flowActionScreen"] = "DETAILS",
    }.ToJsonString();

    private static string SendTemplate(string ns, string flowToken) => new JsonObject
    {
        ["chatId"] = User + "@c.us", ["namespace"] = ns, ["template"] = "story_sign_up",
        ["language"] = new JsonObject { ["policy"] = "deterministic", ["code"] = "en" },
        ["params"] = new JsonArray(new JsonObject
        {
            ["type"] = "button", ["sub_type"] = "flow", ["index"] = 0,
            ["parameters"] = new JsonArray(new JsonObject { ["type"] = "action", ["action"] = new JsonObject { ["flow_token"] = flowToken } }),
        }),
    }.ToJsonString();
}
